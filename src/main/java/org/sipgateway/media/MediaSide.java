package org.sipgateway.media;

/** The two legs of a call's media. */
public enum MediaSide {
    /** Plain RTP toward the SIP phone or trunk. */
    SIP,
    /** ICE/DTLS-SRTP toward the Jitsi videobridge. */
    BRIDGE
}
