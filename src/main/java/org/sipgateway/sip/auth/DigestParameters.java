package org.sipgateway.sip.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Splits a "Digest a=b, c="d"" header value into its parameters (RFC 7616 section 3.3, 3.4). */
final class DigestParameters {

    private DigestParameters() {
    }

    /** Parameter names are lower-cased; quotes are removed. Throws when the scheme is not Digest. */
    static Map<String, String> parse(String headerValue) {
        String v = headerValue.strip();
        if (!v.regionMatches(true, 0, "Digest", 0, 6)) {
            throw new IllegalArgumentException("not a Digest header: '" + headerValue + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = 6;
        int n = v.length();
        while (i < n) {
            while (i < n && (v.charAt(i) == ',' || Character.isWhitespace(v.charAt(i)))) {
                i++;
            }
            int eq = v.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = v.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && v.charAt(i) == '"') {
                int end = v.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in '" + headerValue + "'");
                }
                value = v.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = v.indexOf(',', i);
                end = end < 0 ? n : end;
                value = v.substring(i, end).strip();
                i = end;
            }
            params.put(name, value);
        }
        return params;
    }
}
