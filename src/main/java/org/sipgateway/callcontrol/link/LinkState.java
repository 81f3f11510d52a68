package org.sipgateway.callcontrol.link;

import java.time.Instant;

/**
 * What an external-component link is doing, for the status page and /health.
 *
 * @param status      the current state
 * @param reason      why the last attempt or connection failed; empty when nothing failed yet
 * @param since       when the link entered this status
 * @param nextAttempt when the next connection attempt is due (FAILING only, else null)
 * @param failures    consecutive failed attempts (0 after a good connection)
 */
public record LinkState(Status status, String reason, Instant since, Instant nextAttempt, int failures) {
    public enum Status {
        /** TCP connect, stream header and handshake in progress. */
        CONNECTING,
        /** Handshake accepted: stanzas flow. */
        CONNECTED,
        /** The last attempt or connection failed; waiting for {@code nextAttempt}. */
        FAILING,
        /** Closed (plugin unloaded or part stopped). */
        STOPPED
    }

    public boolean connected() {
        return status == Status.CONNECTED;
    }

    /** One line: {@code FAILING: stream error not-authorized (...); next attempt at ...}. */
    public String describe() {
        final StringBuilder out = new StringBuilder(status.name());
        if (status == Status.CONNECTED) {
            out.append(" since ").append(since);
        } else if (!reason.isEmpty()) {
            out.append(": ").append(reason);
        }
        if (nextAttempt != null) {
            out.append("; next attempt at ").append(nextAttempt);
        }
        return out.toString();
    }
}
