package org.sipgateway.media.codec;

import static org.sipgateway.media.codec.G722SubBand.saturate;

/** ITU-T G.722 encoder, 64 kbit/s mode: 16 kHz PCM in, one byte per pair of samples out. */
public final class G722Encoder implements AudioEncoder {
    private final int[] qmfHistory = new int[24];
    private final G722SubBand lower = new G722SubBand(true);
    private final G722SubBand higher = new G722SubBand(false);

    @Override
    public int sampleRate() { return 16000; }

    @Override
    public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
        int written = 0;
        for (int i = 0; i + 1 < samples; i += 2) {
            System.arraycopy(qmfHistory, 2, qmfHistory, 0, 22);
            qmfHistory[22] = pcm[offset + i];
            qmfHistory[23] = pcm[offset + i + 1];
            long odd = 0, even = 0;
            for (int k = 0; k < 12; k++) {
                odd += (long) qmfHistory[2 * k] * G722Tables.QMF[k];
                even += (long) qmfHistory[2 * k + 1] * G722Tables.QMF[11 - k];
            }
            int low = (int) ((even + odd) >> 14);
            int high = (int) ((even - odd) >> 14);
            out[outOffset + written++] = (byte) ((encodeHigher(high) << 6) | encodeLower(low));
        }
        return written;
    }

    private int encodeLower(int sample) {
        int diff = saturate(sample - lower.prediction);
        int magnitude = diff >= 0 ? diff : -(diff + 1);
        int interval = 1;
        while (interval < 30 && magnitude >= (G722Tables.Q6[interval] * lower.scale) >> 12)
            interval++;
        int code = G722Tables.lowerCode(interval, diff < 0);
        int code4 = code >> 2;
        int quantizedDiff = (lower.scale * G722Tables.QM4[code4]) >> 15;
        lower.updateScale(G722Tables.WL[G722Tables.RL42[code4]]);
        lower.adapt(quantizedDiff);
        return code;
    }

    private int encodeHigher(int sample) {
        int diff = saturate(sample - higher.prediction);
        int magnitude = diff >= 0 ? diff : -(diff + 1);
        boolean large = magnitude >= (564 * higher.scale) >> 12;
        int code = diff < 0 ? (large ? 0 : 1) : (large ? 2 : 3);
        int quantizedDiff = (higher.scale * G722Tables.QM2[code]) >> 15;
        higher.updateScale(G722Tables.WH[G722Tables.RH2[code]]);
        higher.adapt(quantizedDiff);
        return code;
    }
}
