package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.FreePorts;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * The admin pages in a real Openfire: settings render, reject bad input, and apply good input live; secrets are
 * never shown and can be cleared; the pages refuse foreign frames; the status page warns about Openfire releases
 * with the admin console bypass.
 */
class AdminPagesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void settingsPageValidatesProtectsAndAppliesWithoutRestart() throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("admin-pages"))) {
            final String url = openfire.adminUrl("/plugins/sipgateway/settings");
            final HttpResponse<String> page = get(url);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("name=\"sipgateway.callcontrol.subdomain\""), page.body());
            assertFramedOnlyByTheConsole(page);
            final String csrf = csrf(page.body());

            assertEquals(403, post(url, "sipgateway.callcontrol.subdomain=evil&csrf=wrong").statusCode(),
                    "a post without the page's token is refused");

            final HttpResponse<String> bad = post(url, "sipgateway.callcontrol.subdomain=" + enc("no spaces!")
                    + "&csrf=" + csrf);
            assertEquals(400, bad.statusCode());
            assertFramedOnlyByTheConsole(bad);
            assertTrue(bad.body().contains("id=\"error-sipgateway.callcontrol.subdomain\"")
                    && bad.body().contains("DNS label"), bad.body());
            assertGateway(openfire, "callcontrol.localhost");

            final HttpResponse<String> good = post(url, "sipgateway.callcontrol.subdomain=meetphones&csrf=" + csrf);
            assertEquals(302, good.statusCode(), good.body());
            assertGateway(openfire, "meetphones.localhost");
            assertTrue(get(url + "?saved=1").body().contains("value=\"meetphones\""));

            // a SIP port change restarts SIP at once: the old port closes, the new one answers
            final int oldPort = openfire.sipPort();
            final int newPort = FreePorts.udpAndTcp();
            assertTrue(SipProbe.options(oldPort, 2_000), "SIP answers on the configured port");
            assertEquals(302, post(url, "sipgateway.sip.port=" + newPort + "&csrf=" + csrf).statusCode());
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(30), () -> SipProbe.options(newPort, 1_000)),
                    "the new SIP port answers OPTIONS");
            assertTrue(!SipProbe.options(oldPort, 1_000), "the old SIP port is closed");

            aSecretIsSetNeverShownStoredEncryptedAndCleared(openfire, url, csrf);
            statusPageWarnsAboutOpenfireAndShowsTheXmppTlsInUse(openfire);
        }
    }

    /**
     * The monitoring token typed into the form: the page then says "set" but never shows it (not even after a rejected
     * submission), Openfire stores it encrypted, /health accepts it; the clear box removes it and /health refuses it.
     */
    private void aSecretIsSetNeverShownStoredEncryptedAndCleared(OpenfireFixture openfire, String url, String csrf)
            throws Exception {
        final String token = "form-token-5be9d07a";
        final String health = openfire.adminUrl("/plugins/sipgateway/health");
        assertEquals(401, bearer(health, token).statusCode(), "no token yet");
        assertEquals(302, post(url, "sipgateway.monitoring.token=" + token + "&csrf=" + csrf).statusCode());
        final String page = get(url).body();
        assertTrue(page.contains("id=\"state-sipgateway.monitoring.token\">set</span>"), page);
        assertTrue(!page.contains(token), "the token is not in the page");
        final HttpResponse<String> rejected = post(url, "sipgateway.sip.port=99999&sipgateway.monitoring.token="
                + token + "x&csrf=" + csrf);
        assertEquals(400, rejected.statusCode());
        assertTrue(!rejected.body().contains(token), "a rejected form does not echo the secret");
        final List<List<String>> stored = openfire.process().query(
                "SELECT propValue, encrypted FROM ofProperty WHERE name = 'sipgateway.monitoring.token'", WAIT);
        assertEquals("1", stored.get(0).get(1), "stored encrypted: " + stored);
        assertTrue(!stored.get(0).get(0).contains(token), stored.toString());
        assertTrue(ExternalProcess.waitFor(WAIT, () -> bearer(health, token).statusCode() != 401),
                "the saved token opens /health (read back decrypted)");

        assertEquals(302, post(url, "clear%3Asipgateway.monitoring.token=1&sipgateway.monitoring.token=&csrf=" + csrf)
                .statusCode());
        assertTrue(get(url).body().contains("id=\"state-sipgateway.monitoring.token\">not set</span>"));
        assertEquals(List.of(), openfire.process().query(
                "SELECT name FROM ofProperty WHERE name = 'sipgateway.monitoring.token'", WAIT), "cleared");
        assertTrue(ExternalProcess.waitFor(WAIT, () -> bearer(health, token).statusCode() == 401),
                "the cleared token opens nothing");
    }

    /** Openfire 4.2.0 of the harness has the admin console bypass; the XMPP TLS policy follows the host. */
    private void statusPageWarnsAboutOpenfireAndShowsTheXmppTlsInUse(OpenfireFixture openfire) throws Exception {
        final HttpResponse<String> status = get(openfire.adminUrl("/plugins/sipgateway/status"));
        assertFramedOnlyByTheConsole(status);
        final Matcher advisory = Pattern.compile("<div class=\"jive-error\" id=\"openfire-advisory\">([^<]*)</div>")
                .matcher(status.body());
        assertTrue(advisory.find(), status.body());
        assertTrue(advisory.group(1).contains("Openfire 4.2.0") && advisory.group(1).contains("CVE-2023-32315")
                && advisory.group(1).contains("4.7.5"), advisory.group(1));
        assertTrue(xmppServer(openfire).contains("STARTTLS disabled"), "the harness disables it: " + xmppServer(openfire));

        openfire.process().setProperty("sipgateway.xmpp.tls", "", WAIT);
        assertTrue(xmppServer(openfire).startsWith("127.0.0.1:") && xmppServer(openfire).contains("STARTTLS optional"),
                "loopback: " + xmppServer(openfire));
        openfire.process().setProperty("sipgateway.xmpp.host", "meet.example.com", WAIT);
        assertTrue(xmppServer(openfire).startsWith("meet.example.com:")
                && xmppServer(openfire).contains("STARTTLS required"), "another host: " + xmppServer(openfire));
        openfire.process().setProperty("sipgateway.xmpp.host", "127.0.0.1", WAIT);
    }

    private String xmppServer(OpenfireFixture openfire) throws Exception {
        final Matcher m = Pattern.compile("<td id=\"xmpp-server\">([^<]*)</td>")
                .matcher(get(openfire.adminUrl("/plugins/sipgateway/status")).body());
        assertTrue(m.find(), "the status page shows the conference XMPP server");
        return m.group(1);
    }

    /** The pages carry buttons: only the admin console itself (same origin) may frame them (clickjacking). */
    private static void assertFramedOnlyByTheConsole(HttpResponse<String> page) {
        assertEquals("SAMEORIGIN", page.headers().firstValue("X-Frame-Options").orElse(""), page.uri().toString());
        assertEquals("frame-ancestors 'self'", page.headers().firstValue("Content-Security-Policy").orElse(""),
                page.uri().toString());
    }

    private HttpResponse<String> bearer(String url, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e, e);
        }
    }

    @Test
    void pagesSpeakTheAdminConsolesLanguage() throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("admin-pages-de"))) {
            openfire.process().setLocale("de", Duration.ofSeconds(20));
            final String settings = get(openfire.adminUrl("/plugins/sipgateway/settings")).body();
            assertTrue(settings.contains("Einstellungen des SIP-Gateways") && settings.contains("Subdomain der Anrufsteuerung")
                    && settings.contains("SIP-Konten"), settings);
            final String status = get(openfire.adminUrl("/plugins/sipgateway/status")).body();
            assertTrue(status.contains("Status des SIP-Gateways") && status.contains("Laufende Anrufe"), status);
        }
    }

    private static void assertGateway(OpenfireFixture openfire, String address) throws Exception {
        try (TestXmppClient client = TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword())) {
            final DiscoverInfo info = client.discoInfo(address);
            assertTrue(info.hasIdentity("gateway", "sip"), address);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        final Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(html);
        assertTrue(m.find(), "the form carries a CSRF token");
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
