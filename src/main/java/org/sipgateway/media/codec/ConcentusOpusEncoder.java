package org.sipgateway.media.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/** Pure-Java Opus encoder (Concentus). */
final class ConcentusOpusEncoder implements AudioEncoder {
    private final OpusEncoder encoder;
    private final int sampleRate;

    ConcentusOpusEncoder(int sampleRate, OpusSettings settings) {
        this.sampleRate = sampleRate;
        try {
            encoder = new OpusEncoder(sampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus encoder at " + sampleRate + " Hz: " + e.getMessage(), e);
        }
        encoder.setBitrate(settings.bitrate());
        encoder.setComplexity(Math.min(settings.complexity(), 3)); // Concentus costs ~3x libopus per complexity step
        encoder.setUseInbandFEC(settings.inbandFec());
        encoder.setPacketLossPercent(settings.inbandFec() ? 5 : 0);
        encoder.setUseDTX(settings.dtx());
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
    }

    @Override
    public int sampleRate() { return sampleRate; }

    @Override
    public synchronized int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
        try {
            return encoder.encode(pcm, offset, samples, out, outOffset, out.length - outOffset);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus encode failed: " + e.getMessage(), e);
        }
    }
}
