package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireOptions;

/**
 * The endpoints Jitsi Meet's dial-in dialog reads, in a real Openfire with PINs in its database, and the attacks on
 * them: rooms of other services, malformed and oversized bodies, PIN guessing (rate limited before a body is read).
 */
class ConferenceMapperIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRoomKeepsItsPinAcrossRequestsAndRestartsAndUnknownPinsSayNothing() throws Exception {
        final OpenfireOptions first = OpenfireFixture.options("mapper")
                .property("sipgateway.dialin.numbers", "US|+1 555 010 0100|true; DE|+49 30 1234 5678")
                .property("sipgateway.http.cors-origin", "https://meet.example.com");
        final Path home = first.home();
        final long pin;
        try (OpenfireFixture openfire = OpenfireFixture.start(first)) {
            final HttpResponse<String> created = get(openfire, "/conferenceMapper?conference=Standup@conference.localhost");
            assertEquals(200, created.statusCode(), created.body());
            assertEquals("https://meet.example.com", created.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            final JsonNode mapping = JSON.readTree(created.body());
            pin = mapping.get("id").asLong();
            assertEquals(9, Long.toString(pin).length(), "a 9-digit PIN: " + pin);
            assertEquals("standup@conference.localhost", mapping.get("conference").asText());
            assertEquals(pin, json(openfire, "/conferenceMapper?conference=standup@conference.localhost").get("id").asLong(),
                    "the same room keeps its PIN");
            assertNotEquals(pin, json(openfire, "/conferenceMapper?conference=other@conference.localhost").get("id").asLong());
            assertEquals("standup@conference.localhost",
                    json(openfire, "/conferenceMapper?id=" + pin).get("conference").asText(), "the PIN finds the room");
            final HttpResponse<String> posted = post(openfire, "/conferenceMapper", "{\"id\": " + pin + "}");
            assertEquals("standup@conference.localhost", JSON.readTree(posted.body()).get("conference").asText());

            final JsonNode unknown = json(openfire, "/conferenceMapper?id=" + (pin == 999999999L ? 111111111L : pin + 1));
            assertTrue(unknown.get("conference").isBoolean() && !unknown.get("conference").asBoolean(), unknown.toString());
            assertEquals(400, get(openfire, "/conferenceMapper?id=12ab").statusCode());
            assertEquals(400, get(openfire, "/conferenceMapper?conference=not%20a%20room").statusCode());
            assertEquals(400, get(openfire, "/conferenceMapper").statusCode());
            assertEquals(400, post(openfire, "/conferenceMapper", "{not json").statusCode());

            final JsonNode tenant = json(openfire, "/conferenceMapper?conference=daily@conference.acme.localhost");
            assertEquals("daily@conference.acme.localhost", tenant.get("conference").asText(),
                    "a tenant's rooms of a multi-tenant deployment get PINs");
            attacksOnTheMapperFail(openfire);

            final JsonNode numbers = json(openfire, "/phoneNumberList");
            assertEquals(2, numbers.size(), numbers.toString());
            assertEquals("US", numbers.get(0).get("countryCode").asText());
            assertEquals("+1 555 010 0100", numbers.get(0).get("formattedNumber").asText());
            assertTrue(numbers.get(0).get("tollFree").asBoolean());
            final JsonNode legacy = json(openfire, "/phoneNumberList?format=numbers");
            assertTrue(legacy.get("numbersEnabled").asBoolean());
            assertEquals("+49 30 1234 5678", legacy.get("numbers").get("DE").get(0).asText());
        }
        try (OpenfireFixture restarted = OpenfireFixture.start(OpenfireFixture.options("mapper-again")
                .home(home).fresh(false))) {
            assertEquals(pin, json(restarted, "/conferenceMapper?conference=standup@conference.localhost").get("id")
                    .asLong(), "the PIN survives an Openfire restart");
        }
    }

    /**
     * Rooms of other services get no PIN and no database row; bad and oversized bodies get a short JSON answer
     * naming the problem, never the container's error page or a stack trace.
     */
    private void attacksOnTheMapperFail(OpenfireFixture openfire) throws Exception {
        for (String foreign : new String[] {"loot@conference.evil.example.com", "loot@evil.example.com",
                "loot@conference.localhost.evil.example.com", "loot@conference.a.b.localhost"}) {
            final HttpResponse<String> refused = get(openfire, "/conferenceMapper?conference=" + foreign);
            assertEquals(404, refused.statusCode(), foreign + ": " + refused.body());
            assertTrue(refused.body().contains(foreign) && refused.body().contains("conference.localhost"),
                    "the answer names the room and the service: " + refused.body());
            assertEquals(404, post(openfire, "/conferenceMapper", "{\"conference\": \"" + foreign + "\"}").statusCode());
        }
        assertEquals(List.of(List.of("0")), openfire.process().query(
                "SELECT COUNT(*) FROM ofSipGwRoomPin WHERE room LIKE 'loot@%'", WAIT), "no row for a foreign room");
        assertEquals(List.of(List.of("1")), openfire.process().query(
                "SELECT COUNT(*) FROM ofSipGwRoomPin WHERE room = 'standup@conference.localhost'", WAIT),
                "the query does see the rows of real rooms");

        for (String malformed : new String[] {"{not json", "[[[[[[[[", "{\"id\": \"12ab\"}", "{\"id\": {\"$gt\": 1}}",
                "{\"conference\": [\"a@conference.localhost\"]}", "\u0000\u00ff", "{\"id\": 123456789012345678901234}"}) {
            final HttpResponse<String> bad = post(openfire, "/conferenceMapper", malformed);
            assertEquals(400, bad.statusCode(), malformed + ": " + bad.body());
            assertShortJson(bad);
        }
        final HttpResponse<String> big = post(openfire, "/conferenceMapper",
                "{\"conference\": \"standup@conference.localhost\", \"pad\": \"" + "x".repeat(5000) + "\"}");
        assertEquals(413, big.statusCode(), big.body());
        assertTrue(big.body().contains("4096 bytes"), "names the limit: " + big.body());
        final RawResponse declared = rawPost(openfire, "/conferenceMapper", 1 << 20);
        assertEquals(413, declared.status(), "a 1 MiB Content-Length is refused before its body is sent: " + declared);
        assertTrue(declared.body().contains("4096 bytes"), declared.toString());
    }

    private static void assertShortJson(HttpResponse<String> response) throws Exception {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        final String message = JSON.readTree(response.body()).get("message").asText();
        for (String internal : new String[] {"Source:", "org.", "com.", "Exception", "\tat ", "<html"}) {
            assertTrue(!response.body().contains(internal), "'" + internal + "' in " + response.body());
        }
        assertTrue(message.length() < 200, message);
    }

    @Test
    void guessingPinsIsRateLimitedPerClientBeforeAnyBodyIsRead() throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("mapper-limit")
                .property("sipgateway.http.trusted-proxies", "127.0.0.1/32"))) {
            int limited = 0;
            for (int i = 0; i < 80; i++) {
                if (get(openfire, "/conferenceMapper?id=" + (100000000 + i)).statusCode() == 429) {
                    limited++;
                }
            }
            assertTrue(limited >= 15, "after 60 requests in a minute the rest are refused: " + limited);
            final RawResponse unread = rawPost(openfire, "/conferenceMapper", 100);
            assertEquals(429, unread.status(), "refused from the headers, the body never sent: " + unread);
            assertEquals("60", unread.headers().get("retry-after"), unread.toString());

            // behind a reverse proxy on this host (a trusted proxy): each client has its own budget
            assertEquals(200, viaProxy(openfire, "198.51.100.1").statusCode(), "another client through the proxy");
            int proxiedLimited = 0;
            for (int i = 0; i < 70; i++) {
                if (viaProxy(openfire, "198.51.100.1").statusCode() == 429) {
                    proxiedLimited++;
                }
            }
            assertTrue(proxiedLimited >= 5, "that client is limited too: " + proxiedLimited);
            assertEquals(429, viaProxy(openfire, "198.51.100.2, 198.51.100.1").statusCode(),
                    "a forged X-Forwarded-For entry left of the proxy's does not make a new client");
            assertEquals(200, viaProxy(openfire, "198.51.100.3").statusCode(), "a third client is not limited");
        }
    }

    private HttpResponse<String> viaProxy(OpenfireFixture openfire, String forwardedFor) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(openfire.adminUrl("/plugins/sipgateway/phoneNumberList")))
                .header("X-Forwarded-For", forwardedFor).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An HTTP answer read from a raw socket. */
    record RawResponse(int status, Map<String, String> headers, String body) {
    }

    /**
     * Sends only the headers of a POST declaring {@code contentLength} bytes and never the body, then reads the
     * answer: a server that waits for the body before checking anything does not answer at all.
     */
    private static RawResponse rawPost(OpenfireFixture openfire, String path, long contentLength) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), openfire.options().adminPort())) {
            socket.setSoTimeout(30_000); // a generous bound: the answer needs no body
            socket.getOutputStream().write(("POST /plugins/sipgateway" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            final String statusLine = in.readLine();
            assertTrue(statusLine != null && statusLine.startsWith("HTTP/1.1 "), "status line: " + statusLine);
            final Map<String, String> headers = new HashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                final int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            final StringBuilder body = new StringBuilder();
            final long length = Long.parseLong(headers.getOrDefault("content-length", "-1")); // -1: until closed
            final char[] buffer = new char[1024];
            while (length < 0 || body.length() < length) {
                final int n = in.read(buffer, 0, length < 0 ? buffer.length
                        : (int) Math.min(buffer.length, length - body.length()));
                if (n < 0) {
                    break;
                }
                body.append(buffer, 0, n);
            }
            return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers, body.toString());
        }
    }

    private JsonNode json(OpenfireFixture openfire, String path) throws Exception {
        final HttpResponse<String> response = get(openfire, path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(OpenfireFixture openfire, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(openfire.adminUrl("/plugins/sipgateway" + path)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(OpenfireFixture openfire, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(openfire.adminUrl("/plugins/sipgateway" + path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
