package org.sipgateway.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceiveStatisticsTest {
    @Test
    void eventPacketsInTheAudioSequenceAreNeitherLossNorJitter() {
        ReceiveStatistics stats = new ReceiveStatistics(8000);
        long ts = 0;
        for (int seq = 0; seq < 100; seq++) {
            long arrival = seq * 20_000_000L;
            if (seq >= 40 && seq < 47)
                stats.onUntimedPacket(seq, 4); // a digit: 7 event packets, all with the event's start timestamp
            else
                stats.onPacket(seq, ts, 160, arrival);
            ts += 160;
        }
        assertEquals(100, stats.expected());
        assertEquals(0, stats.lost());
        assertTrue(stats.jitterMillis() < 0.01, "steady 20 ms audio has no jitter: " + stats.jitterMillis());
    }

    @Test
    void eventFirstThenAudioStillMeasuresJitterFromTheAudio() {
        ReceiveStatistics stats = new ReceiveStatistics(48000);
        stats.onUntimedPacket(7, 4);
        for (int i = 1; i <= 50; i++)
            stats.onPacket(7 + i, i * 960L, 80, 1_000_000_000_000L + i * 20_000_000L);
        assertEquals(0, stats.lost());
        assertTrue(stats.jitterMillis() < 0.01, "jitter " + stats.jitterMillis());
    }
}
