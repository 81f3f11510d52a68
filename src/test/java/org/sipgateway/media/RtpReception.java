package org.sipgateway.media;

/**
 * What a receiver learns from one RTP stream's headers, computed independently of the gateway's own statistics:
 * packets expected and lost from sequence numbers (RFC 3550 appendix A.1 and A.3) and the interarrival jitter
 * (RFC 3550 section 6.4.1, appendix A.8). Test kit for the benchmark's loss and jitter at either end of a call.
 */
public final class RtpReception {
    /** Totals so far: {@code expected} from the extended highest sequence number, and the jitter in milliseconds. */
    public record Counts(long expected, long received, double jitterMillis) {
        public static final Counts NONE = new Counts(0, 0, 0);

        /** Packets lost, never negative: duplicates can make received exceed expected (RFC 3550 section 6.4.1). */
        public long lost() {
            return Math.max(0, expected - received);
        }

        /** The interval between an earlier snapshot and this one, as RFC 3550 appendix A.3 computes it. */
        public Counts since(Counts earlier) {
            return new Counts(expected - earlier.expected, received - earlier.received, jitterMillis);
        }

        /** Lost packets as a percentage of those expected (0 when none were expected). */
        public double lossPercent() {
            return expected <= 0 ? 0 : 100.0 * lost() / expected;
        }
    }

    private final int clockRate;
    private long baseSequence = -1;
    private long highestSequence;
    private long received;
    private long lastTimestamp;
    private long lastArrivalNanos;
    private double jitter;

    /** @param clockRate the payload's RTP clock (48000 for Opus, RFC 7587 section 4.1; 8000 for PCMU, RFC 3551) */
    public RtpReception(int clockRate) {
        this.clockRate = clockRate;
    }

    /** One packet as it arrived: its sequence number, RTP timestamp and local arrival time (System.nanoTime). */
    public synchronized void packet(int sequence, long timestamp, long arrivalNanos) {
        received++;
        if (baseSequence < 0) {
            baseSequence = sequence;
            highestSequence = sequence;
        } else {
            // RFC 3550 A.1: extend the 16-bit number across wrap-arounds; an older number (reordered) does not advance it
            int step = (short) (sequence - (int) (highestSequence & 0xFFFF));
            if (step > 0)
                highestSequence += step;
            // RFC 3550 6.4.1: D(i,j) = (Rj - Ri) - (Sj - Si) in timestamp units, J += (|D| - J) / 16 (A.8)
            double arrivalUnits = (arrivalNanos - lastArrivalNanos) * (clockRate / 1e9);
            int timestampUnits = (int) (timestamp - lastTimestamp); // signed 32-bit difference: wrap-safe
            double d = Math.abs(arrivalUnits - timestampUnits);
            jitter += (d - jitter) / 16;
        }
        lastTimestamp = timestamp;
        lastArrivalNanos = arrivalNanos;
    }

    public synchronized Counts counts() {
        long expected = baseSequence < 0 ? 0 : highestSequence - baseSequence + 1;
        return new Counts(expected, received, jitter * 1000.0 / clockRate);
    }
}
