package org.sipgateway.sip.stack;

import java.util.regex.Pattern;

/**
 * Hides credentials in SIP text before it reaches a log: the digest {@code response} of Authorization and
 * Proxy-Authorization (with the nonce it allows an offline guess of the password, RFC 3261 section 22.4), any other
 * credentials in those headers, and the room password and token headers the gateway reads from INVITEs.
 */
public final class SipLogMask {
    static final String MASK = "***";
    // RFC 3261 sections 20.7 and 20.28 (header names are case-insensitive, section 7.3.1); not only at a line's
    // start: jain-sip's error messages quote header lines inside their own text
    private static final Pattern DIGEST_RESPONSE = Pattern.compile(
            "(?i)\\b((?:proxy-)?authorization[ \\t]*:[ \\t]*digest\\b[^\\r\\n]*?\\bresponse[ \\t]*=[ \\t]*)(\"[^\"\\r\\n]*\"|[^,\\s]*)");
    private static final Pattern OTHER_CREDENTIALS = Pattern.compile(
            "(?i)\\b((?:proxy-)?authorization[ \\t]*:[ \\t]*+)(?!digest\\b)[^\\r\\n]+");
    private static final Pattern ROOM_SECRETS = Pattern.compile(
            "(?i)\\b((?:jitsi-conference-room-pass|jitsi-auth-token)[ \\t]*:[ \\t]*)[^\\r\\n]+");

    private SipLogMask() {
    }

    /** The text with every credential replaced by {@code ***}; null stays null. */
    public static String mask(String sip) {
        if (sip == null || sip.isEmpty()) {
            return sip;
        }
        String out = DIGEST_RESPONSE.matcher(sip).replaceAll("$1\"" + MASK + "\"");
        out = OTHER_CREDENTIALS.matcher(out).replaceAll("$1" + MASK);
        return ROOM_SECRETS.matcher(out).replaceAll("$1" + MASK);
    }

    /**
     * A stand-in for a jain-sip exception whose message may quote a SIP message: the masked text and the same stack
     * trace (the cause is left out: its message could quote it too).
     */
    public static Throwable mask(Throwable error) {
        final Exception copy = new Exception(mask(String.valueOf(error)));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }
}
