package org.sipgateway.media;

/**
 * Events of one media session, for the gateway to act on (BYE on timeout or failure, Jingle DTMF, status).
 * Called on media threads: hand work off, never block.
 */
public interface MediaListener {
    /** ICE, DTLS and SRTP toward the bridge are up (again, after a transport replace). */
    default void onBridgeConnected() { }

    /** The bridge transport failed; {@code reason} names the stage (ICE, DTLS handshake, socket). */
    default void onTransportFailed(String reason) { }

    /** No RTP arrived from {@code side} for the configured timeout: the call is dead on that side. */
    default void onRtpTimeout(MediaSide side) { }

    /** An RFC 4733 digit arrived from the SIP side (reported once, when it ends). */
    default void onDtmfFromSip(char digit, int durationMillis) { }
}
