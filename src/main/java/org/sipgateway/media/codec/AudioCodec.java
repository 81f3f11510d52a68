package org.sipgateway.media.codec;

/** The audio codecs the gateway speaks, with their RTP facts (RFC 3551 section 6, RFC 7587). */
public enum AudioCodec {
    PCMU("PCMU", 0, 8000, 8000),
    PCMA("PCMA", 8, 8000, 8000),
    /** RTP clock 8000 although it samples at 16 kHz: an error kept for compatibility (RFC 3551 section 4.5.2). */
    G722("G722", 9, 16000, 8000),
    /** Always 48000 Hz RTP clock and "/2" in SDP, whatever is actually coded (RFC 7587 section 4.1). */
    OPUS("opus", -1, 48000, 48000);

    private final String encodingName;
    private final int staticPayloadType;
    private final int pcmRate;
    private final int rtpClockRate;

    AudioCodec(String encodingName, int staticPayloadType, int pcmRate, int rtpClockRate) {
        this.encodingName = encodingName;
        this.staticPayloadType = staticPayloadType;
        this.pcmRate = pcmRate;
        this.rtpClockRate = rtpClockRate;
    }

    public String encodingName() { return encodingName; }

    /** Static payload type, or -1 for a dynamic one negotiated in SDP. */
    public int staticPayloadType() { return staticPayloadType; }

    /** PCM sample rate the codec works at (and the rate the SIP-side mix runs at). */
    public int pcmRate() { return pcmRate; }

    public int rtpClockRate() { return rtpClockRate; }

    /** RTP timestamp units per PCM sample numerator: ticks = samples * rtpClockRate / pcmRate. */
    public long rtpTicks(int samples) {
        return (long) samples * rtpClockRate / pcmRate;
    }
}
