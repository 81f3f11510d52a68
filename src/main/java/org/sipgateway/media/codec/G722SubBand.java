package org.sipgateway.media.codec;

/**
 * One sub-band of ITU-T G.722 SB-ADPCM: the adaptive pole-zero predictor (block 4 of the
 * recommendation: RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ, PREDIC) and the
 * logarithmic quantizer scale factor (LOGSCL/LOGSCH, SCALEL/SCALEH). Encoder and decoder share it.
 */
final class G722SubBand {
    /** Inverse of the log-to-linear mapping, 32 steps per octave (G.722 table ILB). */
    private static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008 };

    private final int maxLogScale;
    private final int scaleShift;
    int prediction;          // s: signal estimate
    int scale;               // det (lower band) / deth (higher band)
    private int logScale;    // nbl / nbh
    private int polePart;    // sp
    private int zeroPart;    // sz
    private final int[] reconstructed = new int[3]; // r(n), r(n-1), r(n-2)
    private final int[] partial = new int[3];       // p(n), p(n-1), p(n-2)
    private final int[] poles = new int[3];         // a1, a2 (index 0 unused)
    private final int[] zeros = new int[7];         // b1..b6
    private final int[] differences = new int[7];   // d(n)..d(n-6)

    /** Lower band: log scale limit 18432, shift 8, initial scale 32; higher band: 22528, 10, 8. */
    G722SubBand(boolean lower) {
        this.maxLogScale = lower ? 18432 : 22528;
        this.scaleShift = lower ? 8 : 10;
        this.scale = lower ? 32 : 8;
    }

    /** LOGSCL/LOGSCH then SCALEL/SCALEH: leak the log scale, add the code's increment, convert to linear. */
    void updateScale(int logIncrement) {
        logScale = clamp(((logScale * 127) >> 7) + logIncrement, 0, maxLogScale);
        int mantissa = (logScale >> 6) & 31;
        int shift = scaleShift - (logScale >> 11);
        int linear = shift < 0 ? ILB[mantissa] << -shift : ILB[mantissa] >> shift;
        scale = linear << 2;
    }

    /** Block 4: adapt the predictor to the quantized difference {@code d} and compute the next estimate. */
    void adapt(int d) {
        differences[0] = d;
        reconstructed[0] = saturate(prediction + d);
        partial[0] = saturate(zeroPart + d);

        // UPPOL2: second pole, sign-sign gradient with leakage, |a2| <= 0.75
        int sg0 = partial[0] >> 15, sg1 = partial[1] >> 15, sg2 = partial[2] >> 15;
        int wd1 = saturate(poles[1] << 2);
        int wd2 = Math.min(sg0 == sg1 ? -wd1 : wd1, 32767);
        int a2 = (wd2 >> 7) + (sg0 == sg2 ? 128 : -128) + ((poles[2] * 32512) >> 15);
        a2 = clamp(a2, -12288, 12288);

        // UPPOL1: first pole, bounded so the predictor stays stable: |a1| <= 1 - 2^-4 - a2
        int a1 = saturate((sg0 == sg1 ? 192 : -192) + ((poles[1] * 32640) >> 15));
        int limit = saturate(15360 - a2);
        a1 = clamp(a1, -limit, limit);

        // UPZERO: six zeros, sign-sign gradient with leakage
        int step = d == 0 ? 0 : 128;
        int sgd = d >> 15;
        int[] newZeros = new int[7];
        for (int i = 1; i < 7; i++) {
            int sign = differences[i] >> 15;
            newZeros[i] = saturate((sign == sgd ? step : -step) + ((zeros[i] * 32640) >> 15));
        }

        // DELAYA
        for (int i = 6; i > 0; i--) {
            differences[i] = differences[i - 1];
            zeros[i] = newZeros[i];
        }
        reconstructed[2] = reconstructed[1];
        reconstructed[1] = reconstructed[0];
        partial[2] = partial[1];
        partial[1] = partial[0];
        poles[1] = a1;
        poles[2] = a2;

        // FILTEP, FILTEZ, PREDIC
        int p1 = (poles[1] * saturate(reconstructed[1] << 1)) >> 15;
        int p2 = (poles[2] * saturate(reconstructed[2] << 1)) >> 15;
        polePart = saturate(p1 + p2);
        int z = 0;
        for (int i = 6; i > 0; i--)
            z += (zeros[i] * saturate(differences[i] << 1)) >> 15;
        zeroPart = saturate(z);
        prediction = saturate(polePart + zeroPart);
    }

    static int saturate(int v) {
        return clamp(v, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
