package org.sipgateway.testkit.audio;

/** Delay of a received signal against a reference (normalised cross-correlation peak), e.g. a chirp sent through a path. */
public final class DelayEstimator {
    /** The lag in samples at which {@code received} best matches {@code reference}, and how well (0..1). */
    public record Match(int lagSamples, double correlation) {
        public double lagMillis(int sampleRate) {
            return lagSamples * 1000.0 / sampleRate;
        }
    }

    private DelayEstimator() { }

    /** Searches lags 0..maxLag; received[i + lag] is compared with reference[i]. */
    public static Match find(short[] reference, short[] received, int maxLag) {
        double refEnergy = 0;
        for (short s : reference)
            refEnergy += (double) s * s;
        int best = 0;
        double bestCorr = -1;
        for (int lag = 0; lag <= maxLag && lag < received.length; lag++) {
            double dot = 0, recEnergy = 0;
            int n = Math.min(reference.length, received.length - lag);
            for (int i = 0; i < n; i++) {
                dot += (double) reference[i] * received[i + lag];
                recEnergy += (double) received[i + lag] * received[i + lag];
            }
            double corr = recEnergy == 0 || refEnergy == 0 ? 0 : dot / Math.sqrt(refEnergy * recEnergy);
            if (corr > bestCorr) {
                bestCorr = corr;
                best = lag;
            }
        }
        return new Match(best, bestCorr);
    }
}
