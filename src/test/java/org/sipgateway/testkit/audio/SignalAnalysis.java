package org.sipgateway.testkit.audio;

/**
 * Measurements on 16-bit PCM: level (RMS, dBFS), the power at one frequency (Goertzel), the dominant
 * frequency (FFT with parabolic interpolation) and how much of the signal's energy sits near a frequency.
 */
public final class SignalAnalysis {
    private SignalAnalysis() { }

    /** Root mean square of a range, in sample units. */
    public static double rms(short[] pcm, int from, int to) {
        if (to <= from)
            return 0;
        double sum = 0;
        for (int i = from; i < to; i++)
            sum += (double) pcm[i] * pcm[i];
        return Math.sqrt(sum / (to - from));
    }

    public static double rms(short[] pcm) {
        return rms(pcm, 0, pcm.length);
    }

    /** Level relative to a full-scale sine (0 dBFS = a sine of amplitude 32767). */
    public static double dbfs(short[] pcm, int from, int to) {
        double r = rms(pcm, from, to);
        return r <= 0 ? -200 : 20 * Math.log10(r / (32767 / Math.sqrt(2)));
    }

    public static double dbfs(short[] pcm) {
        return dbfs(pcm, 0, pcm.length);
    }

    /** Amplitude (fraction of full scale) of the component at {@code frequencyHz}, by the Goertzel algorithm. */
    public static double goertzelAmplitude(short[] pcm, int from, int to, double frequencyHz, int sampleRate) {
        int n = to - from;
        double w = 2 * Math.PI * frequencyHz / sampleRate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0, s2 = 0;
        for (int i = from; i < to; i++) {
            double win = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from) / (n - 1)); // Hann: less leakage
            double s0 = pcm[i] * win + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(power, 0)) / (n * 0.5) / 32767;
    }

    /** Dominant frequency in Hz of a range (FFT magnitude peak, refined by parabolic interpolation). */
    public static double dominantFrequency(short[] pcm, int from, int to, int sampleRate) {
        double[] mag = magnitudeSpectrum(pcm, from, to);
        int size = (mag.length - 1) * 2;
        int peak = 1;
        for (int k = 2; k < mag.length - 1; k++)
            if (mag[k] > mag[peak])
                peak = k;
        double a = mag[peak - 1], b = mag[peak], c = mag[peak + 1];
        double denom = a - 2 * b + c;
        double delta = denom == 0 ? 0 : 0.5 * (a - c) / denom;
        return (peak + delta) * sampleRate / size;
    }

    /** Fraction (0..1) of the energy of a range within +-{@code toleranceHz} of {@code frequencyHz}. */
    public static double energyShare(short[] pcm, int from, int to, int sampleRate, double frequencyHz, double toleranceHz) {
        double[] mag = magnitudeSpectrum(pcm, from, to);
        int size = (mag.length - 1) * 2;
        double in = 0, total = 0;
        for (int k = 1; k < mag.length; k++) {
            double e = mag[k] * mag[k];
            total += e;
            if (Math.abs((double) k * sampleRate / size - frequencyHz) <= toleranceHz)
                in += e;
        }
        return total == 0 ? 0 : in / total;
    }

    /** Hann-windowed magnitude spectrum, zero-padded to a power of two; bins 0..size/2. */
    public static double[] magnitudeSpectrum(short[] pcm, int from, int to) {
        int n = to - from;
        int size = Integer.highestOneBit(Math.max(n, 2) - 1) << 1;
        double[] re = new double[size], im = new double[size];
        for (int i = 0; i < n; i++)
            re[i] = pcm[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)));
        Fft.transform(re, im);
        double[] mag = new double[size / 2 + 1];
        for (int k = 0; k < mag.length; k++)
            mag[k] = Math.hypot(re[k], im[k]);
        return mag;
    }
}
