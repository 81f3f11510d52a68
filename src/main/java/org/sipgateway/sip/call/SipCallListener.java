package org.sipgateway.sip.call;

import java.util.Optional;
import org.sipgateway.sip.sdp.NegotiatedMedia;

/**
 * Events of one call, delivered in order on the call's own serial executor (never on a jain-sip thread).
 * Every method has an empty default so listeners implement what they need.
 */
public interface SipCallListener {

    /** Outbound: 180/183 arrived; with SDP in it the peer offers early media (RFC 3261 section 13.2.1). */
    default void onProgress(int status, String reason, Optional<NegotiatedMedia> earlyMedia) {
    }

    /** The call is established with this media (for inbound late offer: when the ACK brings the answer). */
    default void onAnswered(NegotiatedMedia media) {
    }

    /** A re-INVITE/UPDATE changed the media: hold ({@link NegotiatedMedia#heldByPeer()}), unhold, codec. */
    default void onMediaChanged(NegotiatedMedia media) {
    }

    /** A DTMF digit arrived in a SIP INFO (application/dtmf-relay or application/dtmf). */
    default void onDtmf(char digit, int durationMs) {
    }

    /** The call is over; called exactly once. */
    default void onEnded(CallEnd end) {
    }
}
