package org.sipgateway.media.codec;

/**
 * Loss concealment for codecs without their own: repeats the last decoded frame, attenuated a little more
 * for each consecutive loss, then silence (in the spirit of ITU-T G.711 Appendix I, much simplified).
 */
final class FadingRepeatConcealer {
    private static final int MAX_CONCEALED_FRAMES = 5;
    private short[] last = new short[0];
    private int consecutive;

    void remember(short[] pcm, int offset, int samples) {
        if (last.length != samples)
            last = new short[samples];
        System.arraycopy(pcm, offset, last, 0, samples);
        consecutive = 0;
    }

    int conceal(short[] pcm, int offset, int samples) {
        consecutive++;
        double gain = consecutive > MAX_CONCEALED_FRAMES ? 0 : 1.0 - (double) consecutive / (MAX_CONCEALED_FRAMES + 1);
        for (int i = 0; i < samples; i++)
            pcm[offset + i] = last.length == 0 ? 0 : (short) (last[i % last.length] * gain);
        return samples;
    }
}
