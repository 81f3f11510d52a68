package org.sipgateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class JitterBufferTest
{
    private static final int FRAMES = 250; // 5 s of 20 ms packets

    @Test
    void reorderedDuplicatedAndLostPacketsYieldContinuousAudio()
    {
        Random random = new Random(4733);
        short[] tone = Tones.sine(1000, 0.3, 8000, FRAMES * 160);
        G711Encoder encoder = new G711Encoder(AudioCodec.PCMU);
        List<byte[]> payloads = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++)
        {
            byte[] p = new byte[160];
            encoder.encode(tone, f * 160, 160, p, 0);
            payloads.add(p);
        }
        // the network: 5% loss, 5% duplicates, and reordering within windows of 3 packets
        List<Integer> arrivals = new ArrayList<>();
        int lost = 0;
        for (int f = 0; f < FRAMES; f++)
        {
            if (f > 0 && random.nextDouble() < 0.05) { lost++; continue; }
            arrivals.add(f);
            if (random.nextDouble() < 0.05)
                arrivals.add(f);
        }
        for (int i = 0; i + 3 <= arrivals.size(); i += 3)
            Collections.shuffle(arrivals.subList(i, i + 3), random);

        JitterBuffer buffer = new JitterBuffer(3, 10, 20, 8000);
        G711Decoder decoder = new G711Decoder(AudioCodec.PCMU);
        short[] played = new short[(FRAMES + 20) * 160];
        int playedSamples = 0, next = 0, packetsPlayed = 0, conceals = 0;
        int startSeq = 65500; // crosses the 16-bit wrap
        for (int tick = 0; tick < FRAMES + 20; tick++)
        {
            // one tick's worth of arrivals (the shuffle moved some by up to two ticks)
            for (int k = 0; k < 1 && next < arrivals.size(); k++)
            {
                int f = arrivals.get(next++);
                buffer.insert((startSeq + f) & 0xFFFF, f * 160L, 0, payloads.get(f), tick * 20_000_000L);
                while (next < arrivals.size() && arrivals.get(next) == f)
                    buffer.insert((startSeq + f) & 0xFFFF, f * 160L, 0, payloads.get(arrivals.get(next++)), tick * 20_000_000L);
            }
            JitterBuffer.Slot slot = buffer.poll();
            switch (slot.kind())
            {
                case PACKET -> { playedSamples += decoder.decode(slot.packet().payload(), 0, 160, played, playedSamples); packetsPlayed++; }
                case LOST -> { playedSamples += decoder.conceal(played, playedSamples, 160); conceals++; }
                case EMPTY -> playedSamples += 160; // silence
            }
        }
        assertEquals((FRAMES + 20) * 160, playedSamples, "one 20 ms frame per tick, always");
        int lastSent = Collections.max(arrivals); // a loss at the very end is invisible to the receiver
        assertEquals(lastSent + 1, packetsPlayed + conceals, "every frame played or concealed, none skipped or repeated");
        assertTrue(packetsPlayed <= FRAMES - lost);
        assertTrue(buffer.duplicates() > 0, "duplicates were dropped");
        assertTrue(conceals >= lost && conceals <= lost + buffer.late(), "each loss concealed: " + conceals + " vs " + lost);
        assertEquals(1000, SignalAnalysis.dominantFrequency(played, 1600, FRAMES * 160, 8000), 5);
        assertTrue(SignalAnalysis.energyShare(played, 1600, FRAMES * 160, 8000, 1000, 60) > 0.8, "still a clean tone");
        assertEquals(arrivals.size(), buffer.statistics().packets(), "statistics count every arrival, duplicates too (RFC 3550 A.3)");
    }

    @Test
    void boundedWhenTheConsumerStalls()
    {
        JitterBuffer buffer = new JitterBuffer(2, 5, 20, 8000);
        for (int s = 0; s < 100; s++)
            buffer.insert(s, s * 160L, 0, new byte[160], s * 20_000_000L);
        assertEquals(20, buffer.size(), "capacity is four times the maximum depth");
        assertEquals(80, buffer.overflowDrops());
        assertEquals(JitterBuffer.Kind.PACKET, buffer.poll().kind());
    }

    @Test
    void catchesUpAfterAStallInsteadOfKeepingTheDelay()
    {
        JitterBuffer buffer = new JitterBuffer(2, 10, 20, 8000);
        for (int s = 0; s < 30; s++) // 600 ms of packets while the consumer was stalled
            buffer.insert(s, s * 160L, 0, new byte[160], s * 20_000_000L);
        JitterBuffer.Slot first = buffer.poll();
        assertEquals(JitterBuffer.Kind.PACKET, first.kind());
        assertTrue(buffer.size() <= buffer.targetDepth(), "backlog dropped to the target depth, size " + buffer.size());
        assertTrue(buffer.latencyDrops() >= 25, "dropped " + buffer.latencyDrops());
        assertEquals(first.packet().extendedSequence() + 1, buffer.poll().packet().extendedSequence(), "then plays in order");
    }
}
