package org.sipgateway.plugin.web;

import javax.servlet.http.HttpServletResponse;

/** What every admin page shares: its response headers, and HTML text escaping for the values it shows. */
final class Html {
    private Html() {
    }

    /**
     * Headers of a page with forms or buttons: it may be framed only by the admin console itself (same origin), so
     * another site cannot overlay it and trick an admin into clicking (RFC 7034; CSP Level 2 frame-ancestors).
     */
    static void adminPageHeaders(HttpServletResponse response) {
        response.setContentType("text/html; charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Content-Security-Policy", "frame-ancestors 'self'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        final StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
