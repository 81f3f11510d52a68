package org.sipgateway.media.codec;

/** ITU-T G.711 mu-law and A-law companding, sample by sample. */
public final class G711
{
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;

    static
    {
        for (int i = 0; i < 256; i++)
        {
            ULAW_TO_LINEAR[i] = expandUlaw((byte) i);
            ALAW_TO_LINEAR[i] = expandAlaw((byte) i);
        }
    }

    private G711() { }

    public static byte linearToUlaw(short sample)
    {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(sample < 0 ? -sample : sample, ULAW_CLIP) + ULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
            exponent--;
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short ulawToLinear(byte code)
    {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    public static byte linearToAlaw(short sample)
    {
        int sign = sample >= 0 ? 0x80 : 0;
        int magnitude = sample >= 0 ? sample : Math.min(-sample, 32767);
        magnitude >>= 3; // A-law works on 13-bit magnitudes
        int code;
        if (magnitude < 32)
            code = magnitude >> 1;
        else
        {
            int exponent = 31 - Integer.numberOfLeadingZeros(magnitude) - 4; // 1..7
            code = (exponent << 4) | ((magnitude >> exponent) & 0x0F);
        }
        return (byte) ((sign | code) ^ 0x55); // even bits inverted (G.711 table 1)
    }

    public static short alawToLinear(byte code)
    {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    private static short expandUlaw(byte code)
    {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
    }

    private static short expandAlaw(byte code)
    {
        int a = (code ^ 0x55) & 0xFF;
        int exponent = (a & 0x70) >> 4;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
