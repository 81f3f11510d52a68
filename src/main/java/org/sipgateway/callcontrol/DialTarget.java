package org.sipgateway.callcontrol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a Rayo dial asks to call, normalised the way the allow-list sees it: a telephone number
 * without spaces, dashes, dots or brackets and with a leading {@code 00} as {@code +}, or a whole SIP URI.
 */
public record DialTarget(String value, boolean sipUri) {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#]{1,32}");
    private static final Pattern SIP_URI = Pattern.compile("sips?:[^\\s<>\"]{1,256}", Pattern.CASE_INSENSITIVE);

    /** @throws IllegalArgumentException naming the value when it is neither a number nor a SIP URI */
    public static DialTarget parse(String to) {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("the dial has no 'to' (number or SIP URI)");
        }
        final String trimmed = to.trim();
        if (trimmed.regionMatches(true, 0, "sip:", 0, 4) || trimmed.regionMatches(true, 0, "sips:", 0, 5)) {
            if (!SIP_URI.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("'" + printable(trimmed) + "' is not a valid SIP URI");
            }
            final int colon = trimmed.indexOf(':');
            return new DialTarget(trimmed.substring(0, colon).toLowerCase(Locale.ROOT) + trimmed.substring(colon), true);
        }
        String number = trimmed.replaceAll("[\\s().\\-/]", "");
        if (number.startsWith("00")) {
            number = "+" + number.substring(2); // international prefix written as 00
        }
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("'" + printable(trimmed) + "' is not a telephone number or SIP URI");
        }
        return new DialTarget(number, false);
    }

    /** A value from a request as it may be shown in a log line or an error text: no control characters, bounded. */
    static String printable(String value) {
        final String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
    }

    @Override
    public String toString() {
        return value;
    }
}
