package org.sipgateway.media.codec;

/** ITU-T G.711 mu-law and A-law companding, sample by sample. */
public final class G711 {
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final int ULAW_BIAS = 33;     // in 14-bit units
    private static final int ULAW_CLIP = 8158;

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = expandUlaw((byte) i);
            ALAW_TO_LINEAR[i] = expandAlaw((byte) i);
        }
    }

    private G711() { }

    /** mu-law on the 14-bit value; negative values use the ones' complement magnitude (ITU-T G.191 reference). */
    /** True for A-law, false for mu-law; refuses any other codec. */
    static boolean isAlaw(AudioCodec codec) {
        if (codec != AudioCodec.PCMU && codec != AudioCodec.PCMA)
            throw new IllegalArgumentException("not a G.711 codec: " + codec);
        return codec == AudioCodec.PCMA;
    }

    public static byte linearToUlaw(short sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min((sample < 0 ? ~sample : sample) >> 2, ULAW_CLIP) + ULAW_BIAS;
        int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 5; // 0..7 for 33..8191
        int mantissa = (magnitude >> (segment + 1)) & 0x0F;
        return (byte) ~(sign | (segment << 4) | mantissa);
    }

    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    /** A-law on the 13-bit value; negative values use the ones' complement magnitude (G.191 reference). */
    public static byte linearToAlaw(short sample) {
        int sign = sample >= 0 ? 0x80 : 0;
        int magnitude = (sample >= 0 ? sample : ~sample) >> 3;
        int code;
        if (magnitude < 32)
            code = magnitude >> 1;
        else {
            int exponent = 31 - Integer.numberOfLeadingZeros(magnitude) - 4; // 1..7
            code = (exponent << 4) | ((magnitude >> exponent) & 0x0F);
        }
        return (byte) ((sign | code) ^ 0x55); // even bits inverted (G.711 table 1)
    }

    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    private static short expandUlaw(byte code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + (ULAW_BIAS << 2);
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? (ULAW_BIAS << 2) - t : t - (ULAW_BIAS << 2));
    }

    private static short expandAlaw(byte code) {
        int a = (code ^ 0x55) & 0xFF;
        int exponent = (a & 0x70) >> 4;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
