package org.sipgateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.G711Decoder;
import org.sipgateway.media.codec.G711Encoder;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

class JitterBufferTest {
    private static final int FRAMES = 250; // 5 s of 20 ms packets

    @Test
    void reorderedDuplicatedAndLostPacketsYieldContinuousAudio() {
        Random random = new Random(4733);
        short[] tone = Tones.sine(1000, 0.3, 8000, FRAMES * 160);
        G711Encoder encoder = new G711Encoder(AudioCodec.PCMU);
        List<byte[]> payloads = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            byte[] p = new byte[160];
            encoder.encode(tone, f * 160, 160, p, 0);
            payloads.add(p);
        }
        // the network: 5% loss, 5% duplicates, and reordering within windows of 3 packets
        List<Integer> arrivals = new ArrayList<>();
        int lost = 0;
        for (int f = 0; f < FRAMES; f++) {
            if (f > 0 && random.nextDouble() < 0.05) { lost++; continue; }
            arrivals.add(f);
            if (random.nextDouble() < 0.05)
                arrivals.add(f);
        }
        for (int i = 0; i + 3 <= arrivals.size(); i += 3)
            Collections.shuffle(arrivals.subList(i, i + 3), random);

        JitterBuffer buffer = new JitterBuffer(60, 10, 20, 8000); // reordering moves packets up to two ticks
        G711Decoder decoder = new G711Decoder(AudioCodec.PCMU);
        short[] played = new short[(FRAMES + 20) * 160];
        int playedSamples = 0, next = 0, packetsPlayed = 0, conceals = 0;
        int startSeq = 65500; // crosses the 16-bit wrap
        for (int tick = 0; tick < FRAMES + 20; tick++) {
            // one tick's worth of arrivals (the shuffle moved some by up to two ticks)
            for (int k = 0; k < 1 && next < arrivals.size(); k++) {
                int f = arrivals.get(next++);
                buffer.insert((startSeq + f) & 0xFFFF, f * 160L, 0, payloads.get(f), tick * 20_000_000L);
                while (next < arrivals.size() && arrivals.get(next) == f)
                    buffer.insert((startSeq + f) & 0xFFFF, f * 160L, 0, payloads.get(arrivals.get(next++)), tick * 20_000_000L);
            }
            JitterBuffer.Slot slot = buffer.poll(tick * 20_000_000L);
            switch (slot.kind()) {
                case PACKET -> { playedSamples += decoder.decode(slot.packet().payload(), 0, 160, played, playedSamples); packetsPlayed++; }
                case LOST -> { playedSamples += decoder.conceal(played, playedSamples, 160); conceals++; }
                case EMPTY -> playedSamples += 160; // silence
            }
        }
        assertEquals((FRAMES + 20) * 160, playedSamples, "one 20 ms frame per tick, always");
        int lastSent = Collections.max(arrivals); // a loss at the very end is invisible to the receiver
        assertEquals(lastSent + 1, packetsPlayed + conceals - buffer.stretches(),
            "every frame played or concealed, none skipped or repeated (besides frames that lengthened the wait)");
        assertTrue(packetsPlayed <= FRAMES - lost);
        assertTrue(buffer.duplicates() > 0, "duplicates were dropped");
        int lossConcealed = conceals - (int) buffer.stretches();
        assertTrue(lossConcealed >= lost && lossConcealed <= lost + buffer.late(), "each loss concealed: " + lossConcealed
            + " vs " + lost);
        assertEquals(1000, SignalAnalysis.dominantFrequency(played, 1600, FRAMES * 160, 8000), 5);
        assertTrue(SignalAnalysis.energyShare(played, 1600, FRAMES * 160, 8000, 1000, 60) > 0.8, "still a clean tone");
        assertEquals(arrivals.size(), buffer.statistics().packets(), "statistics count every arrival, duplicates too (RFC 3550 A.3)");
    }

    @Test
    void boundedWhenTheConsumerStalls() {
        JitterBuffer buffer = new JitterBuffer(40, 5, 20, 8000);
        for (int s = 0; s < 100; s++)
            buffer.insert(s, s * 160L, 0, new byte[160], s * 20_000_000L);
        assertEquals(20, buffer.size(), "capacity is four times the maximum depth");
        assertEquals(80, buffer.overflowDrops());
        assertEquals(JitterBuffer.Kind.PACKET, buffer.poll(100 * 20_000_000L).kind());
    }

    @Test
    void catchesUpAfterAStallInsteadOfKeepingTheDelay() {
        JitterBuffer buffer = new JitterBuffer(40, 10, 20, 8000);
        for (int s = 0; s < 30; s++) // 600 ms of packets while the consumer was stalled
            buffer.insert(s, s * 160L, 0, new byte[160], s * 20_000_000L);
        JitterBuffer.Slot first = buffer.poll(30 * 20_000_000L);
        assertEquals(JitterBuffer.Kind.PACKET, first.kind());
        assertTrue(buffer.size() <= buffer.targetDepth(), "backlog dropped to the target depth, size " + buffer.size());
        assertTrue(buffer.latencyDrops() >= 25, "dropped " + buffer.latencyDrops());
        assertEquals(first.packet().extendedSequence() + 1, buffer.poll(31 * 20_000_000L).packet().extendedSequence(),
            "then plays in order");
    }

    @Test
    void aSteadyStreamWaitsAboutTheMinimumNotAWholePacketMore() {
        for (int phaseMillis : new int[] { 1, 7, 13, 17, 19 }) { // where in our 20 ms tick the packets arrive
            JitterBuffer buffer = new JitterBuffer(5, 10, 20, 8000);
            List<Double> waits = play(buffer, 500, tick -> tick * 20_000_000L - 20_000_000L + phaseMillis * 1_000_000L);
            for (double wait : waits.subList(1, waits.size()))
                assertTrue(wait >= 5 && wait < 25, "phase " + phaseMillis + " ms: a packet waited " + wait + " ms");
            assertEquals(0, buffer.concealed() + buffer.underruns() + buffer.latencyDrops() + buffer.stretches(),
                "phase " + phaseMillis);
            assertTrue(waits.size() >= 498, "every packet played, " + waits.size());
        }
    }

    @Test
    void aSenderClockRunningFastOrSlowKeepsTheWaitWithinOnePacketOfTheTarget() {
        // 0.1% fast: a packet too many every 1,000 (10 minutes); 0.1% slow: one too few (real clocks differ less)
        for (double rate : new double[] { 1.001, 0.999 }) {
            JitterBuffer buffer = new JitterBuffer(5, 10, 20, 8000);
            List<Double> waits = play(buffer, 30_000, seq -> (long) (seq * 20_000_000L / rate) + 3_000_000L);
            List<Double> settled = waits.subList(200, waits.size());
            double longest = settled.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double shortest = settled.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            // a window (100 packets) of drift moves the wait by 2 ms before the check puts it back
            assertTrue(shortest >= 5 - 2 * 2 && longest < 5 + 20 + 2 * 2 + 1, rate + ": the wait stays within a packet"
                + " of the 5 ms target, " + shortest + " to " + longest + " ms");
            assertEquals(0, buffer.underruns(), rate + ": it never ran dry");
            if (rate > 1)
                assertTrue(buffer.latencyDrops() >= 25 && buffer.stretches() == 0,
                    "the backlog a fast sender builds is dropped: " + buffer.latencyDrops());
            else
                assertTrue(buffer.stretches() >= 25 && buffer.latencyDrops() == 0, "a slow sender's shortfall is"
                    + " stretched: " + buffer.stretches() + " stretches, " + buffer.latencyDrops() + " drops");
        }
    }

    /**
     * Feeds {@code packets} packets arriving at {@code arrivalOf(sequence)} and polls every 20 ms until all have
     * played; returns how long each played packet waited, in ms.
     */
    private static List<Double> play(JitterBuffer buffer, int packets, java.util.function.IntToLongFunction arrivalOf) {
        List<Double> waits = new ArrayList<>();
        int next = 0;
        long end = arrivalOf.applyAsLong(packets - 1) + 200_000_000L;
        for (long now = 0; now < end && (next < packets || buffer.size() > 0); now += 20_000_000L) {
            while (next < packets && arrivalOf.applyAsLong(next) <= now) {
                buffer.insert(next & 0xFFFF, next * 160L, 0, new byte[160], arrivalOf.applyAsLong(next));
                next++;
            }
            JitterBuffer.Slot slot = buffer.poll(now);
            if (slot.kind() == JitterBuffer.Kind.PACKET)
                waits.add((now - slot.packet().arrivalNanos()) / 1e6);
        }
        return waits;
    }

    @Test
    void everyAllowedSettingWorksWithEveryPacketTimeAnOfferNames() {
        // jitter-min-ms = jitter-max-ms = 200 with 30 ms packets once asked for 6 packets (180 ms) < 200 ms and failed
        int[][] settings = {{200, 200}, {0, 20}, {30, 30}, {1000, 1000}, {5, 200}};
        for (int[] minMax : settings)
            for (int ptime : new int[] {10, 20, 30, 40, 60}) {
                JitterBuffer buffer = JitterBuffer.ofMillis(minMax[0], minMax[1], ptime, 8000);
                String which = minMax[0] + "/" + minMax[1] + " ms at " + ptime + " ms packets";
                assertEquals(minMax[0], buffer.targetWaitMillis(), 1e-9, which);
                long t0 = 1_000_000_000L;
                buffer.insert(1, 0, 0, new byte[8 * ptime], t0);
                long waitNanos = minMax[0] * 1_000_000L;
                if (waitNanos > 0)
                    assertEquals(JitterBuffer.Kind.EMPTY, buffer.poll(t0 + waitNanos - 1).kind(), "holds the first packet: " + which);
                assertEquals(JitterBuffer.Kind.PACKET, buffer.poll(t0 + waitNanos).kind(), "plays it after the wait: " + which);
            }
        assertThrows(IllegalArgumentException.class, () -> JitterBuffer.ofMillis(5, 200, 0, 8000));
    }
}
