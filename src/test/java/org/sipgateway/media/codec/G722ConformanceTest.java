package org.sipgateway.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Bit-exactness against an independent G.722 implementation: the reference checksums below are of the output of
 * libspandsp 0.0.6 (Debian libspandsp-dev, g722_encode/g722_decode at 64 kbit/s) for the same 2 s input, so a
 * phone using another G.722 gets exactly the samples we mean.
 */
class G722ConformanceTest {
    private static final int SAMPLES = 32000;
    private static final long REFERENCE_CODES_CRC32 = 0x813c6256L;
    private static final long REFERENCE_DECODED_CRC32 = 0x4a06ae47L;

    /** 440 Hz and 5.2 kHz (both sub-bands) plus a small saw; StrictMath so every JVM makes the same samples. */
    private static short[] input() {
        short[] pcm = new short[SAMPLES];
        for (int i = 0; i < SAMPLES; i++)
            pcm[i] = (short) (9000 * StrictMath.sin(2 * StrictMath.PI * 440 * i / 16000.0)
                + 6000 * StrictMath.sin(2 * StrictMath.PI * 5200 * i / 16000.0) + (i % 7 - 3) * 50);
        return pcm;
    }

    @Test
    void encoderMatchesTheReferenceBitForBit() {
        byte[] codes = new byte[SAMPLES / 2];
        assertEquals(SAMPLES / 2, new G722Encoder().encode(input(), 0, SAMPLES, codes, 0));
        assertEquals(REFERENCE_CODES_CRC32, crc(codes));
    }

    @Test
    void decoderMatchesTheReferenceSampleForSample() {
        byte[] codes = new byte[SAMPLES / 2];
        new G722Encoder().encode(input(), 0, SAMPLES, codes, 0);
        short[] pcm = new short[SAMPLES];
        assertEquals(SAMPLES, new G722Decoder().decode(codes, 0, codes.length, pcm, 0));
        ByteBuffer le = ByteBuffer.allocate(2 * SAMPLES).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : pcm)
            le.putShort(s);
        assertEquals(REFERENCE_DECODED_CRC32, crc(le.array()));
    }

    private static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }
}
