package org.sipgateway.media;

import java.net.InetSocketAddress;
import org.sipgateway.media.codec.AudioCodec;

/**
 * The negotiated SIP side (from the SDP offer/answer): codec and its payload type, telephone-event payload type
 * (-1 when not negotiated) and its RTP clock rate, packet time, and the peer's RTP address (null until known, e.g.
 * late offer; in {@link MediaSession#renegotiateSip} null keeps the address in use).
 */
public record SipLegParams(AudioCodec codec, int payloadType, int telephoneEventPayloadType, int telephoneEventClockRate,
    int ptimeMillis, InetSocketAddress remote) {
    public SipLegParams {
        if (payloadType < 0 || payloadType > 127)
            throw new IllegalArgumentException("SIP payload type must be 0..127, got " + payloadType);
        if (ptimeMillis < 10 || ptimeMillis > 60 || ptimeMillis % 10 != 0 || (codec == AudioCodec.OPUS && ptimeMillis != 20))
            throw new IllegalArgumentException("ptime " + ptimeMillis + " ms not supported for " + codec + " (10..60 ms in 10 ms steps; Opus 20)");
        if (telephoneEventPayloadType >= 0 && telephoneEventClockRate < 1000)
            throw new IllegalArgumentException("telephone-event clock rate must be at least 1000 Hz, got " + telephoneEventClockRate);
    }

    /** Telephone-event in the codec's RTP clock, as the SDP negotiation prefers (RFC 4733 section 7.1.1). */
    public SipLegParams(AudioCodec codec, int payloadType, int telephoneEventPayloadType, int ptimeMillis, InetSocketAddress remote) {
        this(codec, payloadType, telephoneEventPayloadType, codec.rtpClockRate(), ptimeMillis, remote);
    }

    /** The static payload type of a G.711/G.722 codec, 20 ms packets. */
    public static SipLegParams of(AudioCodec codec, int telephoneEventPayloadType, InetSocketAddress remote) {
        return new SipLegParams(codec, codec.staticPayloadType(), telephoneEventPayloadType, 20, remote);
    }
}
