package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark's loss and jitter counter on streams whose answers are known. */
class RtpReceptionTest {
    private static final long FRAME_NANOS = 20_000_000L;

    @Test
    void countsLossAcrossTheSequenceWrapAndIgnoresReordering() {
        RtpReception r = new RtpReception(8000);
        int[] arrivalOrder = { 65533, 65534, 0, 65535, 2, 3 }; // 65535 late, 1 lost
        for (int i = 0; i < arrivalOrder.length; i++)
            r.packet(arrivalOrder[i], 160L * i, i * FRAME_NANOS);
        RtpReception.Counts c = r.counts();
        assertEquals(7, c.expected());
        assertEquals(6, c.received());
        assertEquals(1, c.lost());
        assertEquals(100.0 / 7, c.lossPercent(), 1e-9);
    }

    @Test
    void aPerfectlyPacedStreamHasNoJitterEvenAcrossTheTimestampWrap() {
        RtpReception r = new RtpReception(48000);
        long timestamp = 0xFFFFFFFFL - 960 * 5;
        for (int i = 0; i < 100; i++)
            r.packet(i, (timestamp + 960L * i) & 0xFFFFFFFFL, 1_000_000_000L + i * FRAME_NANOS);
        assertEquals(0, r.counts().jitterMillis(), 1e-6);
    }

    @Test
    void jitterConvergesToTheMeanDeviationOfArrivals() {
        // every packet 2 ms early or late in turn: |D| is 4 ms each time, so J tends to 4 ms (RFC 3550 6.4.1)
        RtpReception r = new RtpReception(8000);
        for (int i = 0; i < 500; i++)
            r.packet(i, 160L * i, i * FRAME_NANOS + (i % 2 == 0 ? 2_000_000L : -2_000_000L));
        assertEquals(4.0, r.counts().jitterMillis(), 0.01);
    }

    @Test
    void anIntervalIsTheDifferenceOfTwoSnapshots() {
        RtpReception r = new RtpReception(8000);
        for (int i = 0; i < 10; i++)
            r.packet(i, 160L * i, i * FRAME_NANOS);
        RtpReception.Counts before = r.counts();
        for (int i = 12; i < 20; i++) // 10 and 11 lost
            r.packet(i, 160L * i, i * FRAME_NANOS);
        RtpReception.Counts interval = r.counts().since(before);
        assertEquals(10, interval.expected());
        assertEquals(8, interval.received());
        assertEquals(2, interval.lost());
    }
}
