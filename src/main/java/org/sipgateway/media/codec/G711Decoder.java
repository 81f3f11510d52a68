package org.sipgateway.media.codec;

/** G.711 decoder, with a fading repeat of the last frame as loss concealment. */
public final class G711Decoder implements AudioDecoder {
    private final boolean alaw;
    private final FadingRepeatConcealer concealer = new FadingRepeatConcealer();

    public G711Decoder(AudioCodec codec) {
        this.alaw = G711.isAlaw(codec);
    }

    @Override
    public int sampleRate() { return 8000; }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
        for (int i = 0; i < length; i++)
            pcm[pcmOffset + i] = alaw ? G711.alawToLinear(payload[offset + i]) : G711.ulawToLinear(payload[offset + i]);
        concealer.remember(pcm, pcmOffset, length);
        return length;
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset, int samples) {
        return concealer.conceal(pcm, pcmOffset, samples);
    }
}
