package org.sipgateway.sip;

/** The SIP service could not start; the message names the setting or address involved. */
public class SipServiceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SipServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
