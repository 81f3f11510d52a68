package org.sipgateway.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Meet shows for a caller: the From display name, else the user part of the From URI. */
final class CallerName {
    // RFC 3261 section 20.20: From = [display-name] <addr-spec> / addr-spec, then ;params
    private static final Pattern QUOTED = Pattern.compile("^\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TOKEN_BEFORE_ANGLE = Pattern.compile("^\\s*([^<\"]+?)\\s*<");
    private static final Pattern URI_USER = Pattern.compile("sips?:([^@;>]+)@");
    private static final int MAX = 64;

    private CallerName() {
    }

    static String of(String fromHeader) {
        if (fromHeader == null) {
            return "Phone";
        }
        final String value = fromHeader.replaceFirst("(?i)^\\s*From\\s*:\\s*", "");
        Matcher m = QUOTED.matcher(value);
        if (m.find() && !m.group(1).isBlank()) {
            return clean(m.group(1).replace("\\\"", "\""));
        }
        m = TOKEN_BEFORE_ANGLE.matcher(value);
        if (m.find() && !m.group(1).isBlank()) {
            return clean(m.group(1));
        }
        m = URI_USER.matcher(value);
        if (m.find()) {
            return clean(m.group(1));
        }
        return "Phone";
    }

    private static String clean(String name) {
        final String printable = name.replaceAll("\\p{Cntrl}", "").trim();
        return printable.length() > MAX ? printable.substring(0, MAX) : printable.isEmpty() ? "Phone" : printable;
    }
}
