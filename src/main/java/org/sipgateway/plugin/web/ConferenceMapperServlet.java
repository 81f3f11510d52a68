package org.sipgateway.plugin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.sipgateway.gateway.ConferencePins;
import org.sipgateway.plugin.SipGatewayPlugin;

/**
 * {@code /conferenceMapper}, the endpoint Jitsi Meet's {@code dialInConfCodeUrl} reads: the PIN of a room
 * ({@code ?conference=room@conference.domain}) or the room of a PIN ({@code ?id=123456789}); the same as
 * JSON in a POST body. An unknown PIN says only "conference": false.
 */
public final class ConferenceMapperServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern ROOM_JID = Pattern.compile("[^@/\\s\"&'<>:]{1,255}@[A-Za-z0-9.-]{1,255}");
    private static final Pattern PIN = Pattern.compile("[0-9]{4,16}");

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final SipGatewayPlugin plugin = SipGatewayPlugin.current();
        if (plugin != null && PublicJson.admit(request, response, plugin.corsOrigin())) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, request.getParameter("conference"), request.getParameter("id"));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final JsonNode body;
        try {
            body = PublicJson.JSON.readTree(request.getInputStream());
        } catch (IOException e) {
            PublicJson.send(response, 400, message("The body is not JSON: " + e.getMessage()));
            return;
        }
        answer(request, response, body == null || !body.hasNonNull("conference") ? null : body.get("conference").asText(),
                body == null || !body.hasNonNull("id") ? null : body.get("id").asText());
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, String conference, String id)
            throws IOException {
        final SipGatewayPlugin plugin = SipGatewayPlugin.current();
        if (plugin == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The SIP gateway is not running");
            return;
        }
        if (!PublicJson.admit(request, response, plugin.corsOrigin())) {
            return;
        }
        final ConferencePins pins = plugin.pins();
        if (conference != null && !conference.isBlank()) {
            final String room = conference.trim().toLowerCase(java.util.Locale.ROOT);
            if (!ROOM_JID.matcher(room).matches()) {
                PublicJson.send(response, 400, message("'conference' must be a room JID such as room@conference.example.com"));
                return;
            }
            PublicJson.send(response, 200, mapping(pins.pinFor(room), room));
            return;
        }
        if (id != null && !id.isBlank()) {
            if (!PIN.matcher(id.trim()).matches()) {
                PublicJson.send(response, 400, message("'id' must be the numeric conference PIN"));
                return;
            }
            final Optional<String> room = pins.roomFor(id.trim());
            final ObjectNode body = message(room.isPresent() ? "Successfully retrieved conference mapping"
                    : "No conference mapping was found");
            body.put("id", Long.parseLong(id.trim()));
            if (room.isPresent()) {
                body.put("conference", room.get());
            } else {
                body.put("conference", false);
            }
            PublicJson.send(response, 200, body);
            return;
        }
        PublicJson.send(response, 400, message("Give 'conference' (a room JID) or 'id' (a PIN)"));
    }

    private static ObjectNode mapping(String pin, String room) {
        final ObjectNode body = message("Successfully retrieved conference mapping");
        body.put("id", Long.parseLong(pin));
        body.put("conference", room);
        return body;
    }

    private static ObjectNode message(String text) {
        return PublicJson.JSON.createObjectNode().put("message", text);
    }
}
