package org.sipgateway.media.codec;

/**
 * Streaming rational sample-rate converter (8/16/24/32/48 kHz) by a polyphase FIR: a Kaiser-windowed sinc
 * low-pass at 0.44 of the lower rate, so down-sampling does not alias and up-sampling leaves no images.
 * One instance per stream: it keeps the input history between calls.
 */
public final class Resampler {
    private static final int TAPS_PER_RATIO = 32;
    private static final double KAISER_BETA = 7.0; // about 70 dB stop-band attenuation
    private static final double CUTOFF_OF_NYQUIST = 0.88;

    private final int inRate;
    private final int outRate;
    private final int up;     // L
    private final int down;   // M
    private final int tapsPerPhase;
    private final float[][] phases;
    private final float[] history;
    private long phasePosition; // output position in the up-sampled domain modulo L, carried between calls

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0)
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        int length = TAPS_PER_RATIO * Math.max(up, down);
        this.tapsPerPhase = (length + up - 1) / up;
        this.phases = design(up, down, tapsPerPhase);
        this.history = new float[tapsPerPhase];
    }

    public int inRate() { return inRate; }

    public int outRate() { return outRate; }

    /** Output samples produced for {@code inSamples} input samples (exact for 10 ms multiples). */
    public int outputLength(int inSamples) {
        return (int) (((long) inSamples * up + (down - 1 - phasePosition)) / down);
    }

    /** Converts {@code samples} input samples; returns how many output samples were written. */
    public int process(short[] in, int inOffset, int samples, short[] out, int outOffset) {
        if (up == down) {
            System.arraycopy(in, inOffset, out, outOffset, samples);
            return samples;
        }
        int written = 0;
        long t = phasePosition; // position in the up-sampled domain, relative to the first new input sample * L
        long end = (long) samples * up;
        while (t < end) {
            int inputIndex = (int) (t / up);
            int phase = (int) (t % up);
            float[] h = phases[phase];
            float acc = 0;
            for (int k = 0; k < tapsPerPhase; k++) {
                int idx = inputIndex - k;
                float x = idx >= 0 ? in[inOffset + idx] : history[history.length + idx];
                acc += h[k] * x;
            }
            out[outOffset + written++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
            t += down;
        }
        phasePosition = t - end;
        keepHistory(in, inOffset, samples);
        return written;
    }

    private void keepHistory(short[] in, int inOffset, int samples) {
        int n = history.length;
        if (samples >= n) {
            for (int i = 0; i < n; i++)
                history[i] = in[inOffset + samples - n + i];
        } else {
            System.arraycopy(history, samples, history, 0, n - samples);
            for (int i = 0; i < samples; i++)
                history[n - samples + i] = in[inOffset + i];
        }
    }

    /** Prototype low-pass at the up-sampled rate, split into L phases; gain L restores the level after zero-stuffing. */
    private static float[][] design(int up, int down, int tapsPerPhase) {
        int length = tapsPerPhase * up;
        double cutoff = CUTOFF_OF_NYQUIST * 0.5 / Math.max(up, down); // cycles per up-sampled sample
        double center = (length - 1) / 2.0;
        double norm = besselI0(KAISER_BETA);
        float[][] phases = new float[up][tapsPerPhase];
        for (int n = 0; n < length; n++) {
            double x = n - center;
            double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double r = 2.0 * n / (length - 1) - 1;
            double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
            phases[n % up][n / up] = (float) (sinc * window * up);
        }
        return phases;
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= q / (k * k);
            sum += term;
            if (term < 1e-12 * sum)
                break;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
