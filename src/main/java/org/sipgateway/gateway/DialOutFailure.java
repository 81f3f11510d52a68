package org.sipgateway.gateway;

/** Why a dial-out could not start or get into its room; call control turns the kind into an XMPP error condition. */
public final class DialOutFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, in the terms of RFC 6120 section 8.3.3 conditions. */
    public enum Kind {
        /** The request itself is wrong (e.g. a target SIP cannot dial). */
        BAD_REQUEST,
        /** The requester may not do this, or the room refused us. */
        FORBIDDEN,
        /** The room needs a password we do not have, or it was wrong. */
        NOT_AUTHORIZED,
        /** The room does not exist. */
        NOT_FOUND,
        /** Capacity, shutdown, or the XMPP server cannot be reached. */
        UNAVAILABLE,
        /** A dial-out limit of call control's policy (per hour) is reached. */
        LIMITED
    }

    private final Kind kind;

    public DialOutFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
