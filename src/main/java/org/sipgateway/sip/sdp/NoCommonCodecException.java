package org.sipgateway.sip.sdp;

/** An offer or answer shares no codec with our preference list; leads to 488 (RFC 3261 section 21.4.26). */
public class NoCommonCodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoCommonCodecException(String message) {
        super(message);
    }
}
