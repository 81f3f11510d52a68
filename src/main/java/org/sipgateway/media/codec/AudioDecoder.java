package org.sipgateway.media.codec;

/** Turns RTP payloads back into 16-bit mono PCM at {@link #sampleRate()}, and conceals lost ones. */
public interface AudioDecoder extends AutoCloseable
{
    int sampleRate();

    /** Decodes one payload; returns the number of samples written to {@code pcm}. */
    int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset);

    /**
     * Fills {@code samples} samples in place of a lost packet: codec PLC where the codec has one,
     * a fading copy of the last frame otherwise.
     */
    int conceal(short[] pcm, int pcmOffset, int samples);

    /** Frees native state; the decoder is unusable afterwards. */
    @Override
    default void close() { }
}
