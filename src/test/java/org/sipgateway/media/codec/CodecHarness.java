package org.sipgateway.media.codec;

/** Runs PCM through an encoder/decoder pair frame by frame, as RTP would carry it. */
final class CodecHarness {
    private CodecHarness() { }

    static short[] roundTrip(AudioEncoder encoder, AudioDecoder decoder, short[] input, int frameSamples) {
        short[] output = new short[input.length + decoder.sampleRate() / 10];
        byte[] payload = new byte[4000];
        int written = 0;
        for (int at = 0; at + frameSamples <= input.length; at += frameSamples) {
            int bytes = encoder.encode(input, at, frameSamples, payload, 0);
            written += decoder.decode(payload, 0, bytes, output, written);
        }
        return java.util.Arrays.copyOf(output, written);
    }

    static short[] resample(Resampler r, short[] input, int frameSamples) {
        short[] out = new short[input.length * r.outRate() / r.inRate() + 64];
        int written = 0;
        for (int at = 0; at + frameSamples <= input.length; at += frameSamples)
            written += r.process(input, at, frameSamples, out, written);
        return java.util.Arrays.copyOf(out, written);
    }
}
