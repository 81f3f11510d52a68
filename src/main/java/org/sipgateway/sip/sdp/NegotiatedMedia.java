package org.sipgateway.sip.sdp;

/**
 * The outcome of one offer/answer exchange, everything the media engine needs for the SIP leg.
 *
 * @param codec               the one codec both sides use
 * @param payloadType         its payload type on the wire (the offerer's number: RFC 3264 section 6.1)
 * @param telephoneEventPayloadType RFC 4733 event payload type, or -1 when the peer has none
 * @param telephoneEventClockRate clock rate of that event stream (0 when none)
 * @param ptime               packet time in ms (20 when the peer says nothing)
 * @param remoteAddress       where to send RTP ({@code 0.0.0.0} means hold: RFC 3264 section 8.4)
 * @param remotePort          the peer's RTP port
 * @param direction           what WE do: sendrecv, sendonly (peer holds us), recvonly, inactive
 */
public record NegotiatedMedia(AudioCodec codec, int payloadType, int telephoneEventPayloadType,
                              int telephoneEventClockRate, int ptime,
                              String remoteAddress, int remotePort, MediaDirection direction) {

    public static final String HOLD_ADDRESS = "0.0.0.0";

    /** Whether the peer has put the call on hold (sendonly/inactive from it, or c=0.0.0.0). */
    public boolean heldByPeer() {
        return !direction.sends() || HOLD_ADDRESS.equals(remoteAddress);
    }

    public boolean hasTelephoneEvent() {
        return telephoneEventPayloadType >= 0;
    }
}
