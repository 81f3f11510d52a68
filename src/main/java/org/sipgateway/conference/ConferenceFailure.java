package org.sipgateway.conference;

import org.sipgateway.conference.ConferenceListener.EndReason;

/** Why a participant could not get in (or was put out), with a text fit for a SIP reason phrase and the log. */
public final class ConferenceFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final EndReason reason;

    public ConferenceFailure(EndReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ConferenceFailure(EndReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public EndReason reason() {
        return reason;
    }
}
