package org.sipgateway.media.codec;

import org.jitsi.impl.neomedia.codec.audio.opus.Opus;

/** libopus encoder through libjitsi's JNI (VOIP tuning, in-band FEC, optional DTX). */
final class NativeOpusEncoder implements AudioEncoder {
    private final int sampleRate;
    private final byte[] pcmBytes;
    private long encoder;

    NativeOpusEncoder(int sampleRate, OpusSettings settings) {
        this.sampleRate = sampleRate;
        this.pcmBytes = new byte[sampleRate / 50 * 2 * 3]; // up to 60 ms
        this.encoder = Opus.encoder_create(sampleRate, 1);
        if (encoder == 0)
            throw new IllegalStateException("opus_encoder_create(" + sampleRate + ") failed");
        NativeOpus.opened();
        Opus.encoder_set_bitrate(encoder, settings.bitrate());
        Opus.encoder_set_complexity(encoder, settings.complexity());
        Opus.encoder_set_inband_fec(encoder, settings.inbandFec() ? 1 : 0);
        Opus.encoder_set_packet_loss_perc(encoder, settings.inbandFec() ? 5 : 0);
        Opus.encoder_set_dtx(encoder, settings.dtx() ? 1 : 0);
    }

    @Override
    public int sampleRate() { return sampleRate; }

    @Override
    public synchronized int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
        if (encoder == 0)
            throw new IllegalStateException("Opus encoder already closed");
        for (int i = 0; i < samples; i++) {
            short s = pcm[offset + i];
            pcmBytes[2 * i] = (byte) s;
            pcmBytes[2 * i + 1] = (byte) (s >> 8);
        }
        int n = Opus.encode(encoder, pcmBytes, 0, samples, out, outOffset, out.length - outOffset);
        if (n < 0)
            throw new IllegalStateException("opus_encode failed: " + n);
        return n;
    }

    @Override
    public synchronized void close() {
        if (encoder != 0) {
            Opus.encoder_destroy(encoder);
            encoder = 0;
            NativeOpus.destroyed();
        }
    }
}
