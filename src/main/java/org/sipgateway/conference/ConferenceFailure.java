package org.sipgateway.conference;

import org.sipgateway.conference.ConferenceListener.EndReason;

/** Why a participant could not get in (or was put out), with a text fit for a SIP reason phrase and the log. */
public final class ConferenceFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final EndReason reason;
    private final boolean passwordRefused;

    public ConferenceFailure(EndReason reason, String message) {
        this(reason, message, null, false);
    }

    public ConferenceFailure(EndReason reason, String message, Throwable cause) {
        this(reason, message, cause, false);
    }

    public ConferenceFailure(EndReason reason, String message, Throwable cause, boolean passwordRefused) {
        super(message, cause);
        this.reason = reason;
        this.passwordRefused = passwordRefused;
    }

    /** The room wants a password and we gave none or a wrong one (XEP-0045 section 7.2.6: not-authorized). */
    public boolean passwordRefused() {
        return passwordRefused;
    }

    public EndReason reason() {
        return reason;
    }
}
