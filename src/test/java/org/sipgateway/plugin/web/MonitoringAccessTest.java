package org.sipgateway.plugin.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

class MonitoringAccessTest {
    @Test
    void loopbackAloneIsNotTrustedByDefault() {
        assertFalse(MonitoringAccess.allowed(request("127.0.0.1", Map.of(), false), "", false),
                "a reverse proxy on this host makes every request loopback");
        assertFalse(MonitoringAccess.allowed(request("::1", Map.of(), false), "s3cret", false));
    }

    @Test
    void loopbackIsTrustedOnlyWhenConfiguredAndNoProxyForwardedIt() {
        assertTrue(MonitoringAccess.allowed(request("127.0.0.1", Map.of(), false), "", true));
        assertTrue(MonitoringAccess.allowed(request("::1", Map.of(), false), "", true));
        assertFalse(MonitoringAccess.allowed(request("127.0.0.1", Map.of("X-Forwarded-For", "203.0.113.9"), false),
                "", true), "nginx on this host forwarded it");
        assertFalse(MonitoringAccess.allowed(request("127.0.0.1", Map.of("Forwarded", "for=203.0.113.9"), false),
                "", true));
        assertFalse(MonitoringAccess.allowed(request("127.0.0.1", Map.of("X-Real-IP", "203.0.113.9"), false), "", true));
        assertFalse(MonitoringAccess.allowed(request("192.0.2.7", Map.of(), false), "", true), "not loopback");
    }

    @Test
    void theRightBearerTokenIsNeededFromAnywhereElse() {
        assertFalse(MonitoringAccess.allowed(request("192.0.2.7", Map.of(), false), "s3cret", false));
        assertFalse(MonitoringAccess.allowed(request("192.0.2.7", auth("Bearer wrong"), false), "s3cret", false));
        assertFalse(MonitoringAccess.allowed(request("192.0.2.7", auth("Bearer "), false), "", false),
                "an empty token opens nothing");
        assertFalse(MonitoringAccess.allowed(request("192.0.2.7", auth("Basic czNjcmV0"), false), "s3cret", false));
        assertTrue(MonitoringAccess.allowed(request("192.0.2.7", auth("Bearer s3cret"), false), "s3cret", false));
        assertTrue(MonitoringAccess.allowed(request("127.0.0.1", Map.of("X-Forwarded-For", "203.0.113.9",
                "Authorization", "Bearer s3cret"), false), "s3cret", false), "through the proxy with the token");
    }

    @Test
    void aLoggedInAdminIsAllowedFromAnywhere() {
        assertTrue(MonitoringAccess.allowed(request("192.0.2.7", Map.of(), true), "s3cret", false));
        assertTrue(MonitoringAccess.allowed(request("127.0.0.1", Map.of("X-Forwarded-For", "203.0.113.9"), true), "",
                false));
    }

    private static Map<String, String> auth(String value) {
        return Map.of("Authorization", value);
    }

    /** A request as the servlet container would hand it over (only what the access rule reads). */
    private static HttpServletRequest request(String remote, Map<String, String> headers, boolean admin) {
        final HttpSession session = (HttpSession) Proxy.newProxyInstance(getClassLoader(),
                new Class<?>[] {HttpSession.class}, (p, m, a) -> "getAttribute".equals(m.getName())
                        && "jive.admin.authToken".equals(a[0]) ? "token" : null);
        final Map<String, Object> answers = new HashMap<>();
        answers.put("getRemoteAddr", remote);
        return (HttpServletRequest) Proxy.newProxyInstance(getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getHeader" -> headers.get((String) a[0]);
                    case "getSession" -> admin ? session : null;
                    default -> answers.get(m.getName());
                });
    }

    private static ClassLoader getClassLoader() {
        return MonitoringAccessTest.class.getClassLoader();
    }
}
