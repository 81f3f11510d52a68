package org.sipgateway.media.rtp;

import java.util.TreeMap;

/**
 * Per-source adaptive jitter buffer: orders packets by extended sequence number, drops duplicates and packets
 * that arrive after their turn, and is bounded (the oldest packets go when it overflows). The delay it adds is
 * measured, not counted in packets: the time each played packet waited since it arrived. Playout starts once the
 * first packet has waited the target (twice the interarrival jitter of RFC 3550 A.8, at least the configured
 * minimum). A packet that comes after its turn adds one packet time of delay at once (a concealed frame), and every
 * two seconds the shortest wait of that window is checked: shorter than the target, one packet time is added; a
 * whole packet time longer, packets are dropped to give that delay back. So the shortest wait stays between the
 * target and the target plus one packet time, whatever the network and the sender's clock do, and the buffer rarely
 * runs dry.
 */
public final class JitterBuffer {
    /** What the consumer gets for one packet slot. */
    public enum Kind { PACKET, LOST, EMPTY }

    /** One slot: a packet, a lost packet to conceal (with the next one, if buffered, for FEC), or nothing. */
    public record Slot(Kind kind, BufferedPacket packet, BufferedPacket next) { }

    /** A buffered payload with its RTP facts. */
    public record BufferedPacket(long extendedSequence, long timestamp, int payloadType, byte[] payload, long arrivalNanos) { }

    private static final Slot EMPTY = new Slot(Kind.EMPTY, null, null);
    private static final int RESYNC_GAP = 100; // a jump this large is a restarted stream, not loss
    private static final int CATCH_UP_SLACK = 2; // packets beyond the maximum depth tolerated before catching up
    private static final int WINDOW = 100; // packets over which the shortest wait is taken before giving delay back
    private static final double JITTER_FACTOR = 2; // target margin per unit of RFC 3550 jitter (a mean deviation)

    private final TreeMap<Long, BufferedPacket> packets = new TreeMap<>();
    private final double minWaitMillis;
    private final int maxDepth;
    private final int capacity;
    private final double frameMillis;
    private final ReceiveStatistics statistics;
    private long nextToPlay = -1;
    private long highestExtended = -1;
    private boolean prefilling = true;
    private long duplicates;
    private long late;
    private long concealed;
    private long overflowDrops;
    private long latencyDrops;
    private long underruns;
    private long stretches;
    private boolean stretchNext;
    private long shortestWaitNanos = Long.MAX_VALUE;
    private int windowPackets;

    /**
     * @param minWaitMillis least time a packet waits before it plays (the floor of the target wait)
     * @param maxDepth      most packets the target may grow to; a backlog beyond it is dropped at once
     * @param frameMillis   duration of one packet
     */
    public JitterBuffer(double minWaitMillis, int maxDepth, double frameMillis, int clockRate) {
        if (minWaitMillis < 0 || maxDepth < 1 || minWaitMillis > maxDepth * frameMillis)
            throw new IllegalArgumentException("need 0 <= minWait <= maxDepth packets, got " + minWaitMillis + " ms, "
                + maxDepth);
        this.minWaitMillis = minWaitMillis;
        this.maxDepth = maxDepth;
        this.capacity = maxDepth * 4;
        this.frameMillis = frameMillis;
        this.statistics = new ReceiveStatistics(clockRate);
    }

    /**
     * From the settings in milliseconds, for packets of {@code frameMillis}: the maximum rounds up to whole packets (at
     * least 2), so that every setting with {@code 0 <= minWait <= maxWait} works with every packet time an offer names.
     */
    public static JitterBuffer ofMillis(int minWaitMillis, int maxWaitMillis, int frameMillis, int clockRate) {
        if (frameMillis < 1)
            throw new IllegalArgumentException("packet time must be positive, got " + frameMillis + " ms");
        int maxDepth = Math.max(2, (maxWaitMillis + frameMillis - 1) / frameMillis);
        return new JitterBuffer(minWaitMillis, maxDepth, frameMillis, clockRate);
    }

    public synchronized void insert(int sequence, long timestamp, int payloadType, byte[] payload, long arrivalNanos) {
        statistics.onPacket(sequence, timestamp, payload.length, arrivalNanos);
        long ext = extend(sequence);
        if (nextToPlay >= 0 && ext < nextToPlay) {
            late++;
            stretchNext = !prefilling; // it missed its turn: wait a packet longer from now on
            return;
        }
        if (packets.putIfAbsent(ext, new BufferedPacket(ext, timestamp, payloadType, payload, arrivalNanos)) != null) {
            duplicates++;
            return;
        }
        if (nextToPlay >= 0 && ext - nextToPlay > RESYNC_GAP) {
            packets.headMap(ext).clear();
            nextToPlay = ext;
            prefilling = true;
        }
        while (packets.size() > capacity) {
            packets.pollFirstEntry();
            overflowDrops++;
            nextToPlay = packets.firstKey();
        }
    }

    /** The next slot to play at {@code nowNanos} (the same clock as the arrival times); call once per packet duration. */
    public synchronized Slot poll(long nowNanos) {
        if (packets.isEmpty()) {
            if (!prefilling)
                underruns++;
            prefilling = true;
            return EMPTY;
        }
        if (prefilling) {
            long start = nextToPlay < 0 ? packets.firstKey() : nextToPlay; // first start: wait for early stragglers
            BufferedPacket first = packets.ceilingEntry(start).getValue();
            boolean waited = nowNanos - first.arrivalNanos() >= targetWaitNanos();
            if (!waited && packets.lastKey() - start + 1 < targetDepth())
                return EMPTY;
            prefilling = false;
            nextToPlay = start;
            restartWindow();
        }
        long excess = packets.lastKey() - nextToPlay + 1 - targetDepth();
        if (packets.lastKey() - nextToPlay + 1 > maxDepth + CATCH_UP_SLACK) {
            // after a stall (GC, slow tick) the backlog is pure delay: drop it rather than keep the latency for good
            long skipTo = nextToPlay + excess;
            latencyDrops += packets.headMap(skipTo).size();
            packets.headMap(skipTo).clear();
            nextToPlay = skipTo;
            restartWindow();
        }
        if (stretchNext) {
            stretchNext = false;
            stretches++;
            return new Slot(Kind.LOST, null, null); // concealment now, the same packet next time: one frame more delay
        }
        BufferedPacket p = packets.remove(nextToPlay);
        nextToPlay++;
        if (p != null) {
            observeWait(nowNanos - p.arrivalNanos());
            return new Slot(Kind.PACKET, p, null);
        }
        concealed++;
        BufferedPacket next = packets.get(nextToPlay);
        return new Slot(Kind.LOST, null, next);
    }

    /**
     * At the end of each window: a packet that waited less than the target means the next one may come too late, so
     * the wait grows by a packet; every packet having waited a packet time too long means that delay can go.
     */
    private void observeWait(long waitedNanos) {
        shortestWaitNanos = Math.min(shortestWaitNanos, waitedNanos);
        if (++windowPackets < WINDOW)
            return;
        if (shortestWaitNanos < targetWaitNanos()) {
            stretchNext = true;
            restartWindow();
            return;
        }
        long spare = (long) ((shortestWaitNanos - targetWaitNanos()) / (frameMillis * 1_000_000));
        for (long i = 0; i < spare && packets.remove(nextToPlay) != null; i++) {
            nextToPlay++;
            latencyDrops++;
        }
        restartWindow();
    }

    private void restartWindow() {
        shortestWaitNanos = Long.MAX_VALUE;
        windowPackets = 0;
    }

    /** The margin the shortest wait keeps: twice the jitter, within [minimum, maximum depth]. */
    public synchronized double targetWaitMillis() {
        return Math.max(minWaitMillis, Math.min(maxDepth * frameMillis, JITTER_FACTOR * statistics.jitterMillis()));
    }

    private long targetWaitNanos() {
        return (long) (targetWaitMillis() * 1_000_000);
    }

    /** Packets that cover the target wait plus the one playing: the depth a backlog is cut back to. */
    public synchronized int targetDepth() {
        return Math.min(maxDepth, (int) Math.ceil(targetWaitMillis() / frameMillis) + 1);
    }

    public synchronized int size() { return packets.size(); }

    public ReceiveStatistics statistics() { return statistics; }

    public synchronized long duplicates() { return duplicates; }

    public synchronized long late() { return late; }

    public synchronized long concealed() { return concealed; }

    public synchronized long overflowDrops() { return overflowDrops; }

    /** Packets dropped to bring the delay back to the target (after a backlog, or a sender clock running fast). */
    public synchronized long latencyDrops() { return latencyDrops; }

    /** Times the buffer ran dry while playing (the wait then grows by a packet). */
    public synchronized long underruns() { return underruns; }

    /** Times a concealed frame was played to make the wait a packet longer before the buffer could run dry. */
    public synchronized long stretches() { return stretches; }

    /** 16-bit sequence number to a 64-bit one that keeps counting across wraps. */
    private long extend(int sequence) {
        if (highestExtended < 0) {
            highestExtended = sequence + 0x10000L; // start one cycle up so a late predecessor never goes negative
            return highestExtended;
        }
        long cycle = highestExtended & ~0xFFFFL;
        long candidate = cycle | sequence;
        if (candidate - highestExtended > 0x8000)
            candidate -= 0x10000;
        else if (highestExtended - candidate > 0x8000)
            candidate += 0x10000;
        if (candidate > highestExtended)
            highestExtended = candidate;
        return candidate;
    }
}
