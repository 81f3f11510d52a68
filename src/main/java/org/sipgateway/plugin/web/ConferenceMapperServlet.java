package org.sipgateway.plugin.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
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
 * JSON in a POST body. An unknown PIN says only "conference": false. Only rooms of the gateway's own MUC service
 * get a PIN, so nobody can fill the database with rooms the gateway would never join.
 */
public final class ConferenceMapperServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern ROOM_JID = Pattern.compile("[^@/\\s\"&'<>:]{1,255}@[A-Za-z0-9.-]{1,255}");
    private static final Pattern PIN = Pattern.compile("[0-9]{4,16}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PublicJson.admit(request, response).isPresent()) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final Optional<SipGatewayPlugin> plugin = PublicJson.admit(request, response);
        if (plugin.isPresent()) {
            answer(plugin.get(), response, request.getParameter("conference"), request.getParameter("id"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final Optional<SipGatewayPlugin> plugin = PublicJson.admit(request, response);
        if (plugin.isEmpty()) {
            return;
        }
        final Optional<JsonNode> body = PublicJson.body(request, response);
        if (body.isPresent()) {
            answer(plugin.get(), response, text(body.get(), "conference"), text(body.get(), "id"));
        }
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) && body.get(field).isValueNode() ? body.get(field).asText() : null;
    }

    private static void answer(SipGatewayPlugin plugin, HttpServletResponse response, String conference, String id)
            throws IOException {
        try {
            if (conference != null && !conference.isBlank()) {
                pinOf(plugin, response, conference.trim().toLowerCase(Locale.ROOT));
            } else if (id != null && !id.isBlank()) {
                roomOf(plugin.pins(), response, id.trim());
            } else {
                PublicJson.send(response, 400, PublicJson.message("Give 'conference' (a room JID) or 'id' (a PIN)"));
            }
        } catch (RuntimeException e) {
            PublicJson.failed(response, "conferenceMapper", e);
        }
    }

    private static void pinOf(SipGatewayPlugin plugin, HttpServletResponse response, String room) throws IOException {
        if (!ROOM_JID.matcher(room).matches()) {
            PublicJson.send(response, 400,
                    PublicJson.message("'conference' must be a room JID such as room@conference.example.com"));
            return;
        }
        final String service = plugin.mucService();
        final String domain = room.substring(room.indexOf('@') + 1);
        if (!onService(domain, service)) {
            PublicJson.send(response, 404, PublicJson.message("'" + room + "' is not a room of this gateway's "
                    + "conference service " + service));
            return;
        }
        final String pin = plugin.pins().pinFor(room);
        final ObjectNode body = PublicJson.message("Successfully retrieved conference mapping");
        body.put("id", Long.parseLong(pin));
        body.put("conference", room);
        PublicJson.send(response, 200, body);
    }

    private static void roomOf(ConferencePins pins, HttpServletResponse response, String id) throws IOException {
        if (!PIN.matcher(id).matches()) {
            PublicJson.send(response, 400, PublicJson.message("'id' must be the numeric conference PIN"));
            return;
        }
        final Optional<String> room = pins.roomFor(id);
        final ObjectNode body = PublicJson.message(room.isPresent() ? "Successfully retrieved conference mapping"
                : "No conference mapping was found");
        body.put("id", Long.parseLong(id));
        if (room.isPresent()) {
            body.put("conference", room.get());
        } else {
            body.put("conference", false);
        }
        PublicJson.send(response, 200, body);
    }

    /**
     * The MUC service itself, or a tenant's service of a multi-tenant Jitsi deployment: {@code conference.<tenant>.<base>}
     * for the service {@code conference.<base>}, as the gateway builds it from Jitsi-Conference-Tenant.
     */
    static boolean onService(String domain, String service) {
        final String s = service.toLowerCase(Locale.ROOT);
        if (domain.equals(s)) {
            return true;
        }
        final int dot = s.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        final String prefix = s.substring(0, dot + 1);
        final String base = s.substring(dot);
        if (!domain.startsWith(prefix) || !domain.endsWith(base) || domain.length() <= prefix.length() + base.length()) {
            return false;
        }
        return DNS_LABEL.matcher(domain.substring(prefix.length(), domain.length() - base.length())).matches();
    }
}
