package org.sipgateway.plugin.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

class MonitoringAccessTest {
    @Test
    void loopbackIsAllowedWithoutAToken() {
        assertTrue(MonitoringAccess.allowed(request("127.0.0.1", null, false), ""));
        assertTrue(MonitoringAccess.allowed(request("::1", null, false), ""));
    }

    @Test
    void anotherHostNeedsTheRightBearerToken() {
        assertFalse(MonitoringAccess.allowed(request("192.0.2.7", null, false), "s3cret"));
        assertFalse(MonitoringAccess.allowed(request("192.0.2.7", "Bearer wrong", false), "s3cret"));
        assertFalse(MonitoringAccess.allowed(request("192.0.2.7", "Bearer ", false), ""), "an empty token opens nothing");
        assertTrue(MonitoringAccess.allowed(request("192.0.2.7", "Bearer s3cret", false), "s3cret"));
    }

    @Test
    void aLoggedInAdminIsAllowedFromAnywhere() {
        assertTrue(MonitoringAccess.allowed(request("192.0.2.7", null, true), "s3cret"));
    }

    /** A request as the servlet container would hand it over (only what the access rule reads). */
    private static HttpServletRequest request(String remote, String authorization, boolean admin) {
        final HttpSession session = (HttpSession) Proxy.newProxyInstance(getClassLoader(),
                new Class<?>[] {HttpSession.class}, (p, m, a) -> "getAttribute".equals(m.getName())
                        && "jive.admin.authToken".equals(a[0]) ? "token" : null);
        final Map<String, Object> answers = new java.util.HashMap<>();
        answers.put("getRemoteAddr", remote);
        return (HttpServletRequest) Proxy.newProxyInstance(getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getHeader" -> "Authorization".equals(a[0]) ? authorization : null;
                    case "getSession" -> admin ? session : null;
                    default -> answers.get(m.getName());
                });
    }

    private static ClassLoader getClassLoader() {
        return MonitoringAccessTest.class.getClassLoader();
    }
}
