package org.sipgateway.testkit.audio;

/** Test signals: sine tones, tone mixtures and linear chirps as 16-bit PCM. */
public final class Tones {
    private Tones() { }

    /** A sine tone; amplitude is a fraction of full scale (0..1). */
    public static short[] sine(double frequencyHz, double amplitude, int sampleRate, int samples) {
        return sine(frequencyHz, amplitude, sampleRate, samples, 0);
    }

    /** A sine tone starting at sample {@code startSample} of an endless tone (for frame-by-frame generation). */
    public static short[] sine(double frequencyHz, double amplitude, int sampleRate, int samples, long startSample) {
        short[] out = new short[samples];
        double step = 2 * Math.PI * frequencyHz / sampleRate;
        for (int i = 0; i < samples; i++)
            out[i] = clip(amplitude * 32767 * Math.sin(step * (startSample + i)));
        return out;
    }

    /** Sum of signals of equal length, clipped to 16 bits. */
    public static short[] mix(short[]... signals) {
        short[] out = new short[signals[0].length];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (short[] s : signals)
                sum += s[i];
            out[i] = clip(sum);
        }
        return out;
    }

    /** Linear chirp from f0 to f1 over the whole length: a signal whose autocorrelation has one sharp peak. */
    public static short[] chirp(double f0, double f1, double amplitude, int sampleRate, int samples) {
        short[] out = new short[samples];
        double duration = (double) samples / sampleRate;
        double k = (f1 - f0) / duration;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / sampleRate;
            out[i] = clip(amplitude * 32767 * Math.sin(2 * Math.PI * (f0 * t + k * t * t / 2)));
        }
        return out;
    }

    /** Concatenation of signals. */
    public static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts)
            n += p.length;
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    public static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
