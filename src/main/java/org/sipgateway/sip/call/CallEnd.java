package org.sipgateway.sip.call;

/**
 * Why and how a call ended.
 *
 * @param status SIP status involved (e.g. 486 from the callee, 487 after CANCEL, 200 for a BYE), 0 if none
 * @param reason human-readable reason, naming the peer's reason phrase when there was one
 */
public record CallEnd(Cause cause, int status, String reason) {

    public enum Cause {
        /** We hung up (BYE sent, or CANCEL/reject before answer). */
        LOCAL_HANGUP,
        /** The peer sent BYE. */
        REMOTE_HANGUP,
        /** The caller cancelled before we answered (RFC 3261 section 9.2). */
        CANCELLED,
        /** The callee answered our INVITE with a final error. */
        REJECTED,
        /** Nobody answered within the configured time. */
        NO_ANSWER,
        /** The peer stopped refreshing the session (RFC 4028 section 10). */
        SESSION_EXPIRED,
        /** Transaction timeout or transport error. */
        FAILED,
        /** The SIP service stopped. */
        SHUTDOWN
    }
}
