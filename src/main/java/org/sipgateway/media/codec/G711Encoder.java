package org.sipgateway.media.codec;

/** G.711 encoder: one byte per 8 kHz sample. */
public final class G711Encoder implements AudioEncoder {
    private final boolean alaw;

    public G711Encoder(AudioCodec codec) {
        this.alaw = G711.isAlaw(codec);
    }

    @Override
    public int sampleRate() { return 8000; }

    @Override
    public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
        for (int i = 0; i < samples; i++)
            out[outOffset + i] = alaw ? G711.linearToAlaw(pcm[offset + i]) : G711.linearToUlaw(pcm[offset + i]);
        return samples;
    }
}
