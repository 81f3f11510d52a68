package org.sipgateway.plugin.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Shared by the public dial-in endpoints that Jitsi Meet's browser pages call: CORS, rate limit, JSON out. */
final class PublicJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestRateLimiter LIMITER = new RequestRateLimiter(60);

    private PublicJson() {
    }

    /** Headers every answer carries; false (and a 429 sent) when the client asks too often. */
    static boolean admit(HttpServletRequest request, HttpServletResponse response, String corsOrigin) throws IOException {
        response.setHeader("Access-Control-Allow-Origin", corsOrigin);
        response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type");
        response.setHeader("Cache-Control", "no-store");
        if (!LIMITER.allow(request.getRemoteAddr(), System.currentTimeMillis())) {
            send(response, 429, JSON.createObjectNode().put("message", "Too many requests: try again in a minute"));
            return false;
        }
        return true;
    }

    static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=UTF-8");
        response.getWriter().print(JSON.writeValueAsString(body));
    }
}
