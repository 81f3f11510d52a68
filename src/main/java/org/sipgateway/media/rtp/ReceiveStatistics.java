package org.sipgateway.media.rtp;

/** Per-source reception statistics as RFC 3550 appendix A.1 and A.8 define them: loss and interarrival jitter. */
public final class ReceiveStatistics {
    private final int clockRate;
    private long packets;
    private long bytes;
    private int baseSequence = -1;
    private int maxSequence;
    private int cycles;
    private double jitter; // in RTP timestamp units
    private long lastTransit = Long.MIN_VALUE;
    private long lastArrivalNanos;
    private long firstArrivalNanos;

    public ReceiveStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    public synchronized void onPacket(int sequence, long rtpTimestamp, int length, long arrivalNanos) {
        onUntimedPacket(sequence, length);
        lastArrivalNanos = arrivalNanos;
        if (lastTransit == Long.MIN_VALUE)
            firstArrivalNanos = arrivalNanos; // the first timed packet
        long arrival = (arrivalNanos - firstArrivalNanos) * clockRate / 1_000_000_000L; // relative: no overflow
        long transit = arrival - rtpTimestamp;
        if (lastTransit != Long.MIN_VALUE) {
            long d = Math.abs(transit - lastTransit);
            if (d < clockRate * 10L) // ignore timestamp jumps (DTX, new talk spurt far away)
                jitter += (d - jitter) / 16.0; // RFC 3550 A.8
        }
        lastTransit = transit;
    }

    /**
     * A packet of the same source that counts for sequence and loss but not for jitter: an RFC 4733 event shares the
     * audio's sequence numbers, while its timestamp stays at the event's start (section 2.5.1.2).
     */
    public synchronized void onUntimedPacket(int sequence, int length) {
        packets++;
        bytes += length;
        if (baseSequence < 0) {
            baseSequence = sequence;
            maxSequence = sequence;
        } else {
            int delta = (sequence - maxSequence) & 0xFFFF;
            if (delta > 0 && delta < 0x8000) {
                if (sequence < maxSequence)
                    cycles += 0x10000; // wrapped (RFC 3550 A.1)
                maxSequence = sequence;
            }
        }
    }

    public synchronized long packets() { return packets; }

    public synchronized long bytes() { return bytes; }

    /** Packets expected from the sequence numbers seen so far. */
    public synchronized long expected() {
        return baseSequence < 0 ? 0 : (long) cycles + maxSequence - baseSequence + 1;
    }

    public synchronized long lost() {
        return Math.max(0, expected() - packets);
    }

    public synchronized double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }

    public synchronized long lastArrivalNanos() { return lastArrivalNanos; }

    /** Interarrival jitter in RTP units, for RTCP report blocks. */
    public synchronized long jitterUnits() { return Math.round(jitter); }

    public synchronized long extendedHighestSequence() { return (long) cycles + maxSequence; }
}
