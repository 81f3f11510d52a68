package org.sipgateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.audio.Tones;

/** The latency probe's measuring itself, on received audio whose delay is known. */
class IrregularChirpsTest {
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int RATE = 8000;

    /** Packets of 160 samples arriving every 20 ms from t = 0: the received audio and its packet starts. */
    private static List<long[]> everyTwentyMillis(int samples) {
        final List<long[]> starts = new ArrayList<>();
        for (int i = 0; i * 160 < samples; i++) {
            starts.add(new long[] {i * 160L, i * FRAME_NANOS});
        }
        return starts;
    }

    @Test
    void timesThePatternByThePacketThatCarriedIt() {
        // sent at 1 s; heard from sample 8000 + 296 (37 ms later): the packet of sample 8160 arrived at 1.02 s
        final short[] received = Tones.concat(new short[8000 + 296], IrregularChirps.pattern(RATE), new short[16000]);
        final IrregularChirps.Arrival a = IrregularChirps.locate(received, RATE, everyTwentyMillis(received.length),
                1_000_000_000L);
        assertNull(a.problem());
        assertEquals(37.0, a.latencyMillis(), 0.2);
        assertTrue(a.correlation() > 0.99, "correlation " + a.correlation());
    }

    @Test
    void survivesNoiseAndATone() {
        final short[] pattern = IrregularChirps.pattern(RATE);
        final short[] received = Tones.concat(new short[8000 + 400], pattern, new short[16000]);
        final java.util.Random noise = new java.util.Random(7);
        final short[] tone = Tones.sine(440, 0.05, RATE, received.length);
        for (int i = 0; i < received.length; i++) {
            received[i] = Tones.clip(received[i] + tone[i] + noise.nextGaussian() * 300);
        }
        final IrregularChirps.Arrival a = IrregularChirps.locate(received, RATE, everyTwentyMillis(received.length),
                1_000_000_000L);
        assertNull(a.problem());
        assertEquals(50.0, a.latencyMillis(), 0.2);
    }

    @Test
    void saysSoWhenTheChirpsAreMissing() {
        final short[] received = Tones.sine(440, 0.3, RATE, 5 * RATE);
        final IrregularChirps.Arrival a = IrregularChirps.locate(received, RATE, everyTwentyMillis(received.length),
                1_000_000_000L);
        assertFalse(a.found());
        assertTrue(a.problem().startsWith("chirps not found"), a.problem());
    }

    @Test
    void saysSoWhenTooLittleAudioArrived() {
        final short[] received = new short[RATE + 800];
        final IrregularChirps.Arrival a = IrregularChirps.locate(received, RATE, everyTwentyMillis(received.length),
                1_000_000_000L);
        assertFalse(a.found());
        assertTrue(a.problem().startsWith("only"), a.problem());
    }

    @Test
    void theTrackPlaysThePatternOnceFromTheFrameAfterItIsArmed() {
        final IrregularChirps.Track track = new IrregularChirps.Track(RATE);
        assertNull(track.get());
        assertNull(track.get());
        track.arm();
        final List<short[]> frames = new ArrayList<>();
        for (short[] f = track.get(); f != null; f = track.get()) {
            frames.add(f);
        }
        assertEquals(2, track.startFrame());
        assertEquals(75, frames.size()); // 1.5 s of 20 ms
        assertEquals(IrregularChirps.pattern(RATE).length, Tones.concat(frames.toArray(new short[0][])).length);
    }

    @Test
    void muLawComesBackWithinItsQuantisationStep() {
        for (int s = -32000; s <= 32000; s += 7) {
            final int back = PcmuTone.linear(PcmuTone.muLaw(s));
            assertTrue(Math.abs(back - s) <= Math.max(8, Math.abs(s) / 16), s + " -> " + back);
        }
    }
}
