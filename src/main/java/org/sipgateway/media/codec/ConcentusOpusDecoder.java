package org.sipgateway.media.codec;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Pure-Java Opus decoder (Concentus). It always decodes at 48 kHz and resamples: Concentus decoding hybrid-mode
 * packets straight to 8 or 16 kHz yields silence (Concentus 1.0.2).
 */
final class ConcentusOpusDecoder implements AudioDecoder {
    private static final int DECODE_RATE = 48000;
    private final OpusDecoder decoder;
    private final int sampleRate;
    private final Resampler resampler;
    private final short[] full = new short[DECODE_RATE * 120 / 1000];

    ConcentusOpusDecoder(int sampleRate) {
        this.sampleRate = sampleRate;
        this.resampler = new Resampler(DECODE_RATE, sampleRate);
        try {
            decoder = new OpusDecoder(DECODE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus decoder: " + e.getMessage(), e);
        }
    }

    @Override
    public int sampleRate() { return sampleRate; }

    @Override
    public synchronized int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
        try {
            int n = decoder.decode(payload, offset, length, full, 0, full.length, false);
            return resampler.process(full, 0, n, pcm, pcmOffset);
        } catch (OpusException e) {
            return 0; // corrupt packet: the caller conceals
        }
    }

    @Override
    public synchronized int decodeFec(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
        try {
            int n = decoder.decode(nextPayload, offset, length, full, 0, samples * DECODE_RATE / sampleRate, true);
            return resampler.process(full, 0, n, pcm, pcmOffset);
        } catch (OpusException e) {
            return conceal(pcm, pcmOffset, samples);
        }
    }

    @Override
    public synchronized int conceal(short[] pcm, int pcmOffset, int samples) {
        int fullSamples = samples * DECODE_RATE / sampleRate;
        try {
            int n = decoder.decode(null, 0, 0, full, 0, fullSamples, false);
            return resampler.process(full, 0, n, pcm, pcmOffset);
        } catch (OpusException e) {
            java.util.Arrays.fill(pcm, pcmOffset, pcmOffset + samples, (short) 0);
            return samples;
        }
    }
}
