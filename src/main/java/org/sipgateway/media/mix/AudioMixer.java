package org.sipgateway.media.mix;

/**
 * Sums 20 ms frames and brings the sum back into 16 bits without wrap-around: a limiter that drops the gain at
 * once when the sum would clip and recovers it slowly, ramping within the frame so the gain change is inaudible.
 */
public final class AudioMixer {
    private static final double CEILING = 32000;
    private static final double RELEASE_PER_FRAME = 0.05;
    private final int[] sum;
    private int inputs;
    private double gain = 1.0;

    public AudioMixer(int frameSamples) {
        this.sum = new int[frameSamples];
    }

    public void clear() {
        java.util.Arrays.fill(sum, 0);
        inputs = 0;
    }

    public void add(short[] frame) {
        for (int i = 0; i < sum.length; i++)
            sum[i] += frame[i];
        inputs++;
    }

    /** How many frames were added since {@link #clear()}. */
    public int inputs() { return inputs; }

    /** Writes the limited mix into {@code out}. */
    public void mixInto(short[] out) {
        int peak = 0;
        for (int s : sum)
            peak = Math.max(peak, Math.abs(s));
        double target = peak > CEILING ? CEILING / peak : 1.0;
        double next = target < gain ? target : Math.min(target, gain + (1.0 - gain) * RELEASE_PER_FRAME + 1e-4);
        double start = Math.min(gain, next); // never start a frame above what this frame's peak allows
        if (peak * start > CEILING)
            start = next;
        for (int i = 0; i < sum.length; i++) {
            double g = start + (next - start) * i / sum.length;
            int v = (int) Math.round(sum[i] * g);
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        gain = next;
    }

    public double gain() { return gain; }
}
