package org.sipgateway.media.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.AudioEncoder;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.codec.OpusSettings;
import org.sipgateway.media.rtp.JitterBuffer;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

class InboundAudioTest {
    @Test
    void opusStreamWithLossesPlaysEveryFrameAtTheMixRate() {
        for (OpusImplementation impl : new OpusImplementation[] { OpusImplementation.NATIVE, OpusImplementation.JAVA }) {
            CodecFactory codecs = new CodecFactory(impl, OpusSettings.SPEECH);
            try (AudioEncoder enc = codecs.encoder(AudioCodec.OPUS, 48000);
                InboundAudio in = new InboundAudio(new JitterBuffer(20, 10, 20, 48000), codecs.decoder(AudioCodec.OPUS, 8000))) {
                short[] out = new short[100 * 160];
                short[] frame = new short[160];
                byte[] payload = new byte[1500];
                int played = 0;
                for (int f = 0; f < 100; f++) {
                    int n = enc.encode(Tones.sine(1000, 0.3, 48000, 960, f * 960L), 0, 960, payload, 0);
                    if (f % 10 != 5) // every tenth packet lost: FEC from the next one, or PLC
                        in.insert(f, f * 960L, 111, java.util.Arrays.copyOf(payload, n), f * 20_000_000L);
                    if (in.nextFrame(frame, f * 20_000_000L))
                        System.arraycopy(frame, 0, out, 160 * played++, 160);
                }
                assertTrue(played >= 97, impl + ": all but the prefill frames played, got " + played);
                assertEquals(1000, SignalAnalysis.dominantFrequency(out, 1600, played * 160, 8000), 5, impl.name());
                assertTrue(SignalAnalysis.energyShare(out, 1600, played * 160, 8000, 1000, 60) > 0.9, impl + ": losses concealed cleanly");
                assertEquals(10, in.jitterBuffer().concealed(), impl + ": each of the ten losses concealed once");
            }
        }
    }

    @Test
    void streamWithNothingBufferedIsSilentAndCostsNoDecoding() {
        CodecFactory codecs = new CodecFactory(OpusImplementation.AUTO, OpusSettings.SPEECH);
        try (InboundAudio in = new InboundAudio(new JitterBuffer(20, 10, 20, 8000), codecs.decoder(AudioCodec.PCMU, 8000))) {
            short[] frame = new short[160];
            java.util.Arrays.fill(frame, (short) 7);
            assertFalse(in.nextFrame(frame, 0));
            assertEquals(7, frame[0], "frame untouched: the mixer skips this speaker");
        }
    }
}
