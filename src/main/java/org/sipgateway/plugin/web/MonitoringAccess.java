package org.sipgateway.plugin.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.servlet.http.HttpServletRequest;

/**
 * Who may read /health, /metrics and /stats: a logged-in admin, a request from this machine, or a
 * monitoring system presenting {@code Authorization: Bearer <sipgateway.monitoring.token>}.
 */
final class MonitoringAccess {
    // set by Openfire's admin console login (AuthCheckFilter) in the HTTP session
    private static final String ADMIN_SESSION_ATTRIBUTE = "jive.admin.authToken";

    private MonitoringAccess() {
    }

    static boolean allowed(HttpServletRequest request, String token) {
        return fromLoopback(request) || bearerMatches(request, token) || adminSession(request);
    }

    private static boolean fromLoopback(HttpServletRequest request) {
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean bearerMatches(HttpServletRequest request, String token) {
        final String header = request.getHeader("Authorization");
        if (token == null || token.isEmpty() || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean adminSession(HttpServletRequest request) {
        final var session = request.getSession(false);
        return session != null && session.getAttribute(ADMIN_SESSION_ATTRIBUTE) != null;
    }
}
