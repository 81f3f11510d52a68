package org.sipgateway.plugin.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import javax.servlet.http.HttpServletRequest;

/**
 * Who may read /health, /metrics and /stats: a monitoring system presenting
 * {@code Authorization: Bearer <sipgateway.monitoring.token>}, a logged-in admin, or, only when
 * {@code sipgateway.monitoring.trust-loopback} is on, a request straight from this machine. Loopback alone proves
 * nothing by default: a reverse proxy on the same host makes every request from the internet a loopback one.
 */
final class MonitoringAccess {
    // set by Openfire's admin console login (AuthCheckFilter, login.jsp) in the HTTP session
    private static final String ADMIN_SESSION_ATTRIBUTE = "jive.admin.authToken";
    // a proxy forwarded the request: its loopback source says nothing about who sent it (RFC 7239)
    private static final List<String> FORWARDING_HEADERS = List.of("X-Forwarded-For", "Forwarded", "X-Real-IP");

    private MonitoringAccess() {
    }

    static boolean allowed(HttpServletRequest request, String token, boolean trustLoopback) {
        return bearerMatches(request, token) || adminSession(request) || trustLoopback && straightFromLoopback(request);
    }

    private static boolean straightFromLoopback(HttpServletRequest request) {
        for (String header : FORWARDING_HEADERS) {
            if (request.getHeader(header) != null) {
                return false;
            }
        }
        try {
            // getRemoteAddr is a literal, so this does no DNS lookup
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
