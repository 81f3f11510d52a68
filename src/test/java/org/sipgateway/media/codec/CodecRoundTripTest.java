package org.sipgateway.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

class CodecRoundTripTest {
    private static final double AMPLITUDE = 0.3; // -10.5 dBFS, typical speech peak level

    @ParameterizedTest(name = "{0} keeps a {1} Hz tone")
    @CsvSource({ "PCMU,1000", "PCMU,440", "PCMA,1000", "PCMA,440", "G722,1000", "G722,440", "G722,5000" })
    void waveformCodecKeepsFrequencyAndLevel(AudioCodec codec, double frequency) {
        CodecFactory factory = new CodecFactory(OpusImplementation.JAVA, OpusSettings.SPEECH);
        int rate = codec.pcmRate();
        short[] tone = Tones.sine(frequency, AMPLITUDE, rate, rate);
        short[] out = CodecHarness.roundTrip(factory.encoder(codec, rate), factory.decoder(codec, rate), tone, rate / 50);
        assertTone(out, rate, frequency, SignalAnalysis.dbfs(tone), 1.0);
    }

    @ParameterizedTest(name = "Opus {0} at {1} Hz keeps a {2} Hz tone")
    @CsvSource({ "NATIVE,8000,1000", "NATIVE,8000,440", "NATIVE,16000,1000", "NATIVE,48000,440",
        "JAVA,8000,1000", "JAVA,8000,440", "JAVA,16000,1000", "JAVA,48000,440" })
    void opusKeepsFrequencyAndLevel(OpusImplementation impl, int rate, double frequency) {
        CodecFactory factory = new CodecFactory(impl, OpusSettings.SPEECH);
        short[] tone = Tones.sine(frequency, AMPLITUDE, rate, rate);
        try (AudioEncoder enc = factory.encoder(AudioCodec.OPUS, rate); AudioDecoder dec = factory.decoder(AudioCodec.OPUS, rate)) {
            short[] out = CodecHarness.roundTrip(enc, dec, tone, rate / 50);
            assertEquals(tone.length, out.length, "one decoded frame per encoded frame");
            assertTone(out, rate, frequency, SignalAnalysis.dbfs(tone), 2.0);
        }
    }

    @Test
    void opusFromBridgeRateDecodesStraightToNarrowband() {
        for (OpusImplementation impl : new OpusImplementation[] { OpusImplementation.NATIVE, OpusImplementation.JAVA }) {
            CodecFactory factory = new CodecFactory(impl, OpusSettings.SPEECH);
            short[] tone = Tones.sine(1000, AMPLITUDE, 48000, 48000);
            short[] encodedFrame = new short[960];
            byte[] payload = new byte[1500];
            short[] out = new short[8000];
            int written = 0;
            try (AudioEncoder enc = factory.encoder(AudioCodec.OPUS, 48000); AudioDecoder dec = factory.decoder(AudioCodec.OPUS, 8000)) {
                for (int f = 0; f < 50; f++) {
                    System.arraycopy(tone, f * 960, encodedFrame, 0, 960);
                    int n = enc.encode(encodedFrame, 0, 960, payload, 0);
                    written += dec.decode(payload, 0, n, out, written);
                }
            }
            assertEquals(8000, written, impl + ": 50 frames of 160 samples");
            assertTone(out, 8000, 1000, SignalAnalysis.dbfs(tone), 2.0);
        }
    }

    @Test
    void mixedPairOfTonesKeepsBothThroughPcmuAndOpus() {
        CodecFactory factory = new CodecFactory(OpusImplementation.AUTO, OpusSettings.SPEECH);
        short[] pair = Tones.mix(Tones.sine(440, 0.2, 8000, 8000), Tones.sine(1000, 0.2, 8000, 8000));
        for (AudioCodec codec : new AudioCodec[] { AudioCodec.PCMU, AudioCodec.OPUS }) {
            try (AudioEncoder enc = factory.encoder(codec, 8000); AudioDecoder dec = factory.decoder(codec, 8000)) {
                short[] out = CodecHarness.roundTrip(enc, dec, pair, 160);
                int from = 1600, to = out.length;
                assertEquals(0.2, SignalAnalysis.goertzelAmplitude(out, from, to, 440, 8000), 0.03, codec + " 440 Hz");
                assertEquals(0.2, SignalAnalysis.goertzelAmplitude(out, from, to, 1000, 8000), 0.03, codec + " 1000 Hz");
            }
        }
    }

    @Test
    void concealmentFillsALostFrameWithoutDroppingLength() {
        CodecFactory factory = new CodecFactory(OpusImplementation.AUTO, OpusSettings.SPEECH);
        try (AudioDecoder dec = factory.decoder(AudioCodec.PCMU, 8000)) {
            short[] tone = Tones.sine(1000, AMPLITUDE, 8000, 160);
            byte[] payload = new byte[160];
            new G711Encoder(AudioCodec.PCMU).encode(tone, 0, 160, payload, 0);
            short[] out = new short[320];
            dec.decode(payload, 0, 160, out, 0);
            assertEquals(160, dec.conceal(out, 160, 160));
            assertTrue(SignalAnalysis.rms(out, 160, 320) > 0.5 * SignalAnalysis.rms(out, 0, 160), "concealed frame continues the tone");
        }
    }

    static void assertTone(short[] out, int rate, double frequency, double inputDbfs, double levelToleranceDb) {
        int from = out.length / 5; // skip codec start-up
        double found = SignalAnalysis.dominantFrequency(out, from, out.length, rate);
        assertEquals(frequency, found, Math.max(3, frequency * 0.005), "dominant frequency");
        assertEquals(inputDbfs, SignalAnalysis.dbfs(out, from, out.length), levelToleranceDb, "level dBFS");
        assertTrue(SignalAnalysis.energyShare(out, from, out.length, rate, frequency, 60) > 0.95,
            "tone holds most of the energy (little distortion)");
    }
}
