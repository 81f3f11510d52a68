package org.sipgateway.plugin.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpSession;

/** One random token per admin session; a form post without it is refused (no cross-site posts). */
final class CsrfGuard {
    private static final String ATTRIBUTE = "sipgateway.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfGuard() {
    }

    static String token(HttpServletRequest request) {
        final HttpSession session = request.getSession(true);
        Object token = session.getAttribute(ATTRIBUTE);
        if (!(token instanceof String)) {
            final byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            token = HexFormat.of().formatHex(bytes);
            session.setAttribute(ATTRIBUTE, token);
        }
        return (String) token;
    }

    static boolean accepts(HttpServletRequest request) {
        final HttpSession session = request.getSession(false);
        final Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        final String given = request.getParameter("csrf");
        return expected instanceof String e && given != null
                && MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
