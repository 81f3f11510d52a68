package org.sipgateway.sip.sdp;

/** An SDP body that cannot be understood; the message names the offending line or field. */
public class InvalidSdpException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSdpException(String message) {
        super(message);
    }
}
