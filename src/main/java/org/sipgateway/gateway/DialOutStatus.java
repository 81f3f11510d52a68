package org.sipgateway.gateway;

import org.sipgateway.sip.call.CallEnd;

/**
 * The {@code <status>} a dialled participant shows in Meet. Meet translates its own keys ({@code calling},
 * {@code ringing}, {@code busy}, {@code rejected}: jitsi-meet presence-status constants) and shows any other text as
 * it is, so failures without a key say what happened in plain words.
 */
final class DialOutStatus {
    static final String CALLING = "calling";
    static final String RINGING = "ringing";
    static final String BUSY = "busy";
    static final String REJECTED = "rejected";
    static final String NO_ANSWER = "No answer";

    private DialOutStatus() {
    }

    /** The status for a call that ended before it was answered. */
    static String failure(CallEnd end) {
        return switch (end.cause()) {
            case NO_ANSWER -> NO_ANSWER;
            case REJECTED -> rejected(end.status(), end.reason());
            case FAILED -> "Unreachable" + detail(end.reason());
            case LOCAL_HANGUP, CANCELLED, SHUTDOWN -> "Disconnected";
            case REMOTE_HANGUP, SESSION_EXPIRED -> "Disconnected";
        };
    }

    // RFC 3261 sections 21.4 to 21.6: what each final answer means to the person who pressed "call"
    private static String rejected(int status, String reason) {
        return switch (status) {
            case 486, 600 -> BUSY;
            case 603, 403, 607, 608 -> REJECTED;
            case 408, 480, 487 -> NO_ANSWER;
            case 404, 410, 484, 485, 604 -> "Number not found" + detail(reason);
            default -> "Call failed" + detail(reason);
        };
    }

    /** The SIP side's own words (for a rejection: status and reason phrase, e.g. "404 Not Found"). */
    private static String detail(String reason) {
        final String text = CallEnding.shorten(reason);
        return text.isEmpty() ? "" : " (" + text + ")";
    }
}
