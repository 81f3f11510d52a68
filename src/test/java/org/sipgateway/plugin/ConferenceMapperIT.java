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
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireOptions;

/** The endpoints Jitsi Meet's dial-in dialog reads, in a real Openfire with PINs in its database. */
class ConferenceMapperIT {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    @Test
    void guessingPinsIsRateLimited() throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("mapper-limit"))) {
            int limited = 0;
            for (int i = 0; i < 80; i++) {
                if (get(openfire, "/conferenceMapper?id=" + (100000000 + i)).statusCode() == 429) {
                    limited++;
                }
            }
            assertTrue(limited >= 15, "after 60 requests in a minute the rest are refused: " + limited);
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
