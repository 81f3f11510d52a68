package org.sipgateway.media.codec;

/** Constants of ITU-T G.722 (64 kbit/s mode): QMF coefficients and the quantizer tables. */
final class G722Tables {
    /** The 24-tap QMF, both halves interleaved as the even/odd polyphase pair uses them (h0..h11 order of use). */
    static final int[] QMF = { 3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11 };

    /** Lower band 6-bit quantizer decision levels (scaled by the band scale, >> 12). */
    static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919 };

    /** Lower band 6-bit inverse quantizer output, indexed by the 6-bit code. */
    static final int[] QM6 = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704, -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576, -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192, 10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032, 1688, 1360, 1040, 728, 432, 136, -432, -136 };

    /** Lower band 4-bit inverse quantizer (the predictor only sees the 4 most significant code bits). */
    static final int[] QM4 = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0 };

    /** 4-bit code to magnitude class, and the log scale increment of each class. */
    static final int[] RL42 = { 0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0 };
    static final int[] WL = { -60, -30, 58, 172, 334, 538, 1198, 3042 };

    /** Higher band 2-bit inverse quantizer, magnitude classes and log scale increments. */
    static final int[] QM2 = { -7408, -1616, 7408, 1616 };
    static final int[] RH2 = { 2, 1, 2, 1 };
    static final int[] WH = { 0, -214, 798 };

    private G722Tables() { }

    /** 6-bit code of the lower band for decision interval {@code i} (1..30) and the sign of the difference. */
    static int lowerCode(int interval, boolean negative) {
        if (!negative)
            return 62 - interval;                 // 61 (smallest) .. 32 (largest)
        return interval < 3 ? 64 - interval : 34 - interval; // 63, 62, then 31 .. 4
    }
}
