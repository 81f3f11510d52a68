package org.sipgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A raw 8 kHz G.711 mu-law tone file, what sipp's rtp_stream plays as payload type 0; mu-law both ways for the probe phone. */
final class PcmuTone {
    private PcmuTone() {
    }

    static Path write(Path file, double hz, double amplitude, int seconds) throws IOException {
        final byte[] out = new byte[8000 * seconds];
        for (int i = 0; i < out.length; i++) {
            out[i] = muLaw((int) (Math.sin(2 * Math.PI * hz * i / 8000) * amplitude * 32767));
        }
        return Files.write(file, out);
    }

    /** ITU-T G.711 mu-law: bias 132, sign, 3-bit segment, 4-bit mantissa, all bits inverted. */
    static byte muLaw(int sample) {
        final int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), 32635) + 132;
        int segment = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        final int mantissa = (magnitude >> (segment + 3)) & 0x0F;
        return (byte) ~(sign | (segment << 4) | mantissa);
    }

    /** ITU-T G.711 mu-law back to linear: invert, then ((mantissa << 3) + bias) << segment, minus the bias. */
    static short linear(byte code) {
        final int u = ~code & 0xFF;
        final int magnitude = ((((u & 0x0F) << 3) + 132) << ((u >> 4) & 0x07)) - 132;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }
}
