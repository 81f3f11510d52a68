package org.sipgateway.media.codec;

import org.jitsi.impl.neomedia.codec.audio.opus.Opus;

/** libopus decoder through JNI; decodes straight at the rate the mix needs (8, 16 or 48 kHz). */
final class NativeOpusDecoder implements AudioDecoder {
    private final int sampleRate;
    private final byte[] pcmBytes;
    private long decoder;

    NativeOpusDecoder(int sampleRate) {
        this.sampleRate = sampleRate;
        this.pcmBytes = new byte[sampleRate * 120 / 1000 * 2]; // the longest Opus packet: 120 ms
        this.decoder = Opus.decoder_create(sampleRate, 1);
        if (decoder == 0)
            throw new IllegalStateException("opus_decoder_create(" + sampleRate + ") failed");
        NativeOpus.opened();
    }

    @Override
    public int sampleRate() { return sampleRate; }

    @Override
    public synchronized int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
        if (decoder == 0)
            return 0; // closed: never hand a freed handle to native code
        int n = Opus.decode(decoder, payload, offset, length, pcmBytes, 0, pcmBytes.length / 2, 0);
        return copyOut(n, pcm, pcmOffset);
    }

    @Override
    public synchronized int conceal(short[] pcm, int pcmOffset, int samples) {
        if (decoder == 0)
            return 0;
        int n = Opus.decode(decoder, null, 0, 0, pcmBytes, 0, samples, 0); // no data: libopus PLC
        return copyOut(n, pcm, pcmOffset);
    }

    @Override
    public synchronized int decodeFec(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
        if (decoder == 0)
            return 0;
        int n = Opus.decode(decoder, nextPayload, offset, length, pcmBytes, 0, samples, 1);
        return copyOut(n, pcm, pcmOffset);
    }

    private int copyOut(int n, short[] pcm, int pcmOffset) {
        if (n < 0)
            return 0; // corrupt packet: the caller conceals
        for (int i = 0; i < n; i++)
            pcm[pcmOffset + i] = (short) ((pcmBytes[2 * i] & 0xFF) | (pcmBytes[2 * i + 1] << 8));
        return n;
    }

    @Override
    public synchronized void close() {
        if (decoder != 0) {
            Opus.decoder_destroy(decoder);
            decoder = 0;
            NativeOpus.destroyed();
        }
    }
}
