package org.sipgateway.media.codec;

/** Turns 16-bit mono PCM at {@link #sampleRate()} into one RTP payload. */
public interface AudioEncoder extends AutoCloseable {
    int sampleRate();

    /** Encodes {@code samples} PCM samples; returns the payload length written to {@code out}. */
    int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset);

    /** Frees native state; the encoder is unusable afterwards. */
    @Override
    default void close() { }
}
