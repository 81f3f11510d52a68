package org.sipgateway.conference;

/** A Jingle request we cannot take, with the text that goes into the XMPP error (and the log). */
public final class OfferRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public OfferRejectedException(String message) {
        super(message);
    }
}
