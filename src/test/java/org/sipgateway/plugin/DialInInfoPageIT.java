package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;

/**
 * Jitsi Meet's dial-in dialog in a real browser: a page from another origin (a small HTTP server of the test, on
 * its own port) calls {@code /conferenceMapper} and {@code /phoneNumberList} with fetch, as Meet's
 * {@code getDialInConferenceID} and {@code getDialInNumbers} do, in headless Debian chromium. The allowed origin
 * gets the room's PIN and the numbers the admin just edited on the settings page; any other origin gets nothing,
 * because the browser enforces the plugin's CORS headers.
 */
class DialInInfoPageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String ROOM = "dialinfo";
    private static final String MUC = "conference.localhost";

    @Test
    void meetsDialInPageFromTheAllowedOriginGetsThePinAndTheEditedNumbers() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is needed (scripts/test installs it)");
        final HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            final String allowed = "http://127.0.0.1:" + pages.getAddress().getPort();
            try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in-info")
                    .property("sipgateway.http.cors-origin", allowed)
                    .property("sipgateway.dialin.numbers", "US|+1 555 010 0100|true"))) {
                final String plugin = openfire.adminUrl("/plugins/sipgateway");
                final byte[] page = meetLikePage(plugin).getBytes(StandardCharsets.UTF_8);
                pages.createContext("/dialin.html", exchange -> {
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
                    exchange.sendResponseHeaders(200, page.length);
                    exchange.getResponseBody().write(page);
                    exchange.close();
                });
                pages.start();

                editNumbersOnTheSettingsPage(openfire, "US|+1 555 010 0100|true; DE|+49 30 1234 5678");
                final String expectedPin = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(plugin + "/conferenceMapper?conference=" + ROOM + "@" + MUC))
                                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();

                final String dom = browse(allowed + "/dialin.html");
                assertEquals(expectedPin, element(dom, "pin"), "the page got the room's PIN: " + dom);
                assertEquals("US +1 555 010 0100 tollfree; DE +49 30 1234 5678", element(dom, "numbers"),
                        "the page got the numbers as the admin edited them: " + dom);
                assertEquals("", element(dom, "error"), dom);

                // the same page from another origin (another host name, so another origin): the browser refuses it
                final String other = browse("http://localhost:" + pages.getAddress().getPort() + "/dialin.html");
                assertEquals("", element(other, "pin"), other);
                assertTrue(element(other, "error").contains("Failed to fetch"), "CORS keeps other sites out: " + other);
            }
        } finally {
            pages.stop(0);
        }
    }

    /** What Meet's dial-in dialog does: two GETs with {@code conference=<room>@<muc>}, JSON answers. */
    private static String meetLikePage(String plugin) {
        return "<!DOCTYPE html><html><head><title>Dial-in</title></head><body>"
                + "<div id=\"pin\"></div><div id=\"numbers\"></div><div id=\"error\"></div><script>\n"
                + "const conference = '" + ROOM + "@" + MUC + "';\n"
                + "Promise.all([\n"
                + "  fetch('" + plugin + "/conferenceMapper?conference=' + conference).then(r => r.json()),\n"
                + "  fetch('" + plugin + "/phoneNumberList?conference=' + conference).then(r => r.json())\n"
                + "]).then(([mapping, numbers]) => {\n"
                + "  document.getElementById('pin').textContent = String(mapping.id);\n"
                + "  document.getElementById('numbers').textContent = numbers.map(n => n.countryCode + ' '"
                + " + n.formattedNumber + (n.tollFree ? ' tollfree' : '')).join('; ');\n"
                + "}).catch(e => { document.getElementById('error').textContent = String(e); });\n"
                + "</script></body></html>";
    }

    /** The admin's way: load the settings page (CSRF token in the form and cookie), post the new numbers. */
    private static void editNumbersOnTheSettingsPage(OpenfireFixture openfire, String numbers) throws Exception {
        final HttpClient admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        final String url = openfire.adminUrl("/plugins/sipgateway/settings");
        final String form = admin.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(form.contains("id=\"sipgateway.dialin.numbers\""), "the numbers are on the settings page");
        final Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(form);
        assertTrue(csrf.find(), form);
        final HttpResponse<String> saved = admin.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&sipgateway.dialin.numbers="
                        + URLEncoder.encode(numbers, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(saved.statusCode() == 302 || saved.statusCode() == 303, "saved: " + saved.statusCode() + " "
                + saved.body());
    }

    /** The page's DOM after its scripts ran (chromium waits for the fetches within the virtual time budget). */
    private static String browse(String url) throws IOException, InterruptedException {
        final Path dir = Files.createDirectories(Path.of("target", "dial-in-info"));
        final Path profile = Files.createTempDirectory(dir, "chromium-profile");
        final Path dom = Files.createTempFile(dir, "dom", ".html");
        final Process browser = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=15000", "--dump-dom", url))
                .redirectError(dir.resolve("chromium.log").toFile()).redirectOutput(dom.toFile()).start();
        try {
            assertTrue(browser.waitFor(90, TimeUnit.SECONDS), "chromium finishes within 90 s");
        } finally {
            browser.destroyForcibly();
        }
        assertEquals(0, browser.exitValue(), "chromium exit code; see target/dial-in-info/chromium.log");
        final String text = Files.readString(dom);
        assertFalse(text.isBlank(), "chromium printed the DOM of " + url);
        return text;
    }

    private static String element(String dom, String id) {
        final Matcher m = Pattern.compile("<div id=\"" + id + "\">([^<]*)</div>").matcher(dom);
        assertTrue(m.find(), "no #" + id + " in " + dom);
        return m.group(1).replace("&amp;", "&");
    }
}
