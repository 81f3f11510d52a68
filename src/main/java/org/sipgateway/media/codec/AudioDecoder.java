package org.sipgateway.media.codec;

/** Turns RTP payloads back into 16-bit mono PCM at {@link #sampleRate()}, and conceals lost ones. */
public interface AudioDecoder extends AutoCloseable {
    int sampleRate();

    /** Decodes one payload; returns the number of samples written to {@code pcm}. */
    int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset);

    /**
     * Fills {@code samples} samples in place of a lost packet: codec PLC where the codec has one,
     * a fading copy of the last frame otherwise.
     */
    int conceal(short[] pcm, int pcmOffset, int samples);

    /**
     * Rebuilds a lost frame from forward error correction data carried in the packet after it (Opus in-band FEC,
     * RFC 6716 section 2.1.7); codecs without FEC conceal instead.
     */
    default int decodeFec(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
        return conceal(pcm, pcmOffset, samples);
    }

    /** Frees native state; the decoder is unusable afterwards. */
    @Override
    default void close() { }
}
