package org.sipgateway.media.codec;

import static org.sipgateway.media.codec.G722SubBand.clamp;
import static org.sipgateway.media.codec.G722SubBand.saturate;

/** ITU-T G.722 decoder, 64 kbit/s mode: one byte per pair of 16 kHz samples. */
public final class G722Decoder implements AudioDecoder {
    private final int[] qmfHistory = new int[24];
    private final G722SubBand lower = new G722SubBand(true);
    private final G722SubBand higher = new G722SubBand(false);
    private final FadingRepeatConcealer concealer = new FadingRepeatConcealer();

    @Override
    public int sampleRate() { return 16000; }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
        for (int i = 0; i < length; i++) {
            int code = payload[offset + i] & 0xFF;
            int low = decodeLower(code & 0x3F);
            int high = decodeHigher(code >> 6);
            System.arraycopy(qmfHistory, 2, qmfHistory, 0, 22);
            qmfHistory[22] = low + high;
            qmfHistory[23] = low - high;
            long first = 0, second = 0;
            for (int k = 0; k < 12; k++) {
                second += (long) qmfHistory[2 * k] * G722Tables.QMF[k];
                first += (long) qmfHistory[2 * k + 1] * G722Tables.QMF[11 - k];
            }
            pcm[pcmOffset + 2 * i] = (short) saturate((int) (first >> 11));
            pcm[pcmOffset + 2 * i + 1] = (short) saturate((int) (second >> 11));
        }
        concealer.remember(pcm, pcmOffset, 2 * length);
        return 2 * length;
    }

    @Override
    public int conceal(short[] pcm, int pcmOffset, int samples) {
        return concealer.conceal(pcm, pcmOffset, samples);
    }

    private int decodeLower(int code) {
        int output = clamp(lower.prediction + ((lower.scale * G722Tables.QM6[code]) >> 15), -16384, 16383);
        int code4 = code >> 2;
        int quantizedDiff = (lower.scale * G722Tables.QM4[code4]) >> 15;
        lower.updateScale(G722Tables.WL[G722Tables.RL42[code4]]);
        lower.adapt(quantizedDiff);
        return output;
    }

    private int decodeHigher(int code) {
        int quantizedDiff = (higher.scale * G722Tables.QM2[code]) >> 15;
        int output = clamp(higher.prediction + quantizedDiff, -16384, 16383);
        higher.updateScale(G722Tables.WH[G722Tables.RH2[code]]);
        higher.adapt(quantizedDiff);
        return output;
    }
}
