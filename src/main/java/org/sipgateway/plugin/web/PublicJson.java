package org.sipgateway.plugin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.sipgateway.plugin.SipGatewayPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared by the public dial-in endpoints that Jitsi Meet's browser pages call: CORS, the rate limit (checked before
 * anything else, a body included, is read), a bounded JSON body, and short JSON answers, errors included.
 */
final class PublicJson {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Meet's requests are a few dozen bytes; nothing larger is read. */
    static final int MAX_BODY_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(PublicJson.class);
    private static final RequestRateLimiter LIMITER = new RequestRateLimiter(60);

    private PublicJson() {
    }

    /**
     * The running plugin when the request may go on; otherwise empty, with the answer sent (503 while the plugin is
     * not running, 429 when the client asks too often).
     */
    static Optional<SipGatewayPlugin> admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        final SipGatewayPlugin plugin = SipGatewayPlugin.current();
        if (plugin == null) {
            send(response, 503, message("The SIP gateway is not running"));
            return Optional.empty();
        }
        response.setHeader("Access-Control-Allow-Origin", plugin.corsOrigin());
        response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type");
        final String client = ClientAddress.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"),
                plugin.trustedProxies());
        if (!LIMITER.allow(client, System.currentTimeMillis())) {
            // RFC 6585 section 4
            response.setHeader("Retry-After", "60");
            send(response, 429, message("Too many requests: try again in a minute"));
            return Optional.empty();
        }
        return Optional.of(plugin);
    }

    /**
     * The request body as JSON, read only up to {@link #MAX_BODY_BYTES}; empty, with a 413 or 400 sent, when it is
     * larger or not JSON.
     */
    static Optional<JsonNode> body(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            tooLarge(response); // refused from the header alone, before a byte of it is read
            return Optional.empty();
        }
        final byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            tooLarge(response);
            return Optional.empty();
        }
        try {
            final JsonNode json = JSON.readTree(body);
            return Optional.of(json == null || json.isMissingNode() ? JSON.createObjectNode() : json);
        } catch (JsonProcessingException e) {
            final var where = e.getLocation();
            send(response, 400, message("The body is not JSON" + (where == null ? ""
                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")));
            return Optional.empty();
        }
    }

    private static void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close"); // the rest of the body is not read
        send(response, 413, message("The body is larger than " + MAX_BODY_BYTES + " bytes"));
    }

    /** A failure of ours (the PIN store, say): the log gets the details, the client one line without internals. */
    static void failed(HttpServletResponse response, String what, RuntimeException e) throws IOException {
        LOG.warn("{} failed: {}", what, e.toString(), e);
        if (!response.isCommitted()) {
            response.resetBuffer();
            send(response, 500, message("Internal error: try again later"));
        }
    }

    static com.fasterxml.jackson.databind.node.ObjectNode message(String text) {
        return JSON.createObjectNode().put("message", text);
    }

    static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=UTF-8");
        response.getWriter().print(JSON.writeValueAsString(body));
    }
}
