package org.sipgateway.callcontrol;

/**
 * The policy's answer: allowed, or refused with the XMPP error condition and a reason a person can
 * read (it goes into the error's text and the log).
 */
public record DialDecision(boolean allowed, Refusal refusal, String reason) {
    /** Why a dial is refused, mapped to XMPP error conditions (RFC 6120 section 8.3.3). */
    public enum Refusal { NONE, FORBIDDEN, BAD_REQUEST, RESOURCE_CONSTRAINT }

    static DialDecision allow() {
        return new DialDecision(true, Refusal.NONE, "allowed");
    }

    static DialDecision refuse(Refusal refusal, String reason) {
        return new DialDecision(false, refusal, reason);
    }
}
