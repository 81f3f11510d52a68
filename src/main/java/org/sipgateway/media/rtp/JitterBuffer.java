package org.sipgateway.media.rtp;

import java.util.TreeMap;

/**
 * Per-source adaptive jitter buffer: orders packets by extended sequence number, drops duplicates and packets
 * that arrive after their turn, holds a target depth that follows the measured interarrival jitter
 * (RFC 3550 A.8), and is bounded (the oldest packets go when it overflows).
 */
public final class JitterBuffer
{
    /** What the consumer gets for one packet slot. */
    public enum Kind { PACKET, LOST, EMPTY }

    /** One slot: a packet, a lost packet to conceal (with the next one, if buffered, for FEC), or nothing. */
    public record Slot(Kind kind, BufferedPacket packet, BufferedPacket next) { }

    /** A buffered payload with its RTP facts. */
    public record BufferedPacket(long extendedSequence, long timestamp, int payloadType, byte[] payload) { }

    private static final Slot EMPTY = new Slot(Kind.EMPTY, null, null);
    private static final int RESYNC_GAP = 100; // a jump this large is a restarted stream, not loss
    private static final int CATCH_UP_SLACK = 2; // packets beyond the maximum depth tolerated before catching up

    private final TreeMap<Long, BufferedPacket> packets = new TreeMap<>();
    private final int minDepth;
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

    /**
     * @param minDepth   packets held before playout starts, at least
     * @param maxDepth   largest target depth jitter can push it to
     * @param frameMillis duration of one packet, for converting jitter into packets
     */
    public JitterBuffer(int minDepth, int maxDepth, double frameMillis, int clockRate)
    {
        if (minDepth < 1 || maxDepth < minDepth)
            throw new IllegalArgumentException("need 1 <= minDepth <= maxDepth, got " + minDepth + ", " + maxDepth);
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
        this.capacity = maxDepth * 4;
        this.frameMillis = frameMillis;
        this.statistics = new ReceiveStatistics(clockRate);
    }

    public synchronized void insert(int sequence, long timestamp, int payloadType, byte[] payload, long arrivalNanos)
    {
        statistics.onPacket(sequence, timestamp, payload.length, arrivalNanos);
        long ext = extend(sequence);
        if (nextToPlay >= 0 && ext < nextToPlay)
        {
            late++;
            return;
        }
        if (packets.putIfAbsent(ext, new BufferedPacket(ext, timestamp, payloadType, payload)) != null)
        {
            duplicates++;
            return;
        }
        if (nextToPlay >= 0 && ext - nextToPlay > RESYNC_GAP)
        {
            packets.headMap(ext).clear();
            nextToPlay = ext;
            prefilling = true;
        }
        while (packets.size() > capacity)
        {
            packets.pollFirstEntry();
            overflowDrops++;
            nextToPlay = packets.firstKey();
        }
    }

    /** The next slot to play; call once per packet duration. */
    public synchronized Slot poll()
    {
        if (packets.isEmpty())
        {
            prefilling = true;
            return EMPTY;
        }
        if (prefilling)
        {
            long start = nextToPlay < 0 ? packets.firstKey() : nextToPlay; // first start: wait for early stragglers
            if (packets.lastKey() - start + 1 < targetDepth())
                return EMPTY;
            prefilling = false;
            nextToPlay = start;
        }
        long excess = packets.lastKey() - nextToPlay + 1 - targetDepth();
        if (packets.lastKey() - nextToPlay + 1 > maxDepth + CATCH_UP_SLACK)
        {
            // after a stall (GC, slow tick) the backlog is pure delay: drop it rather than keep the latency for good
            long skipTo = nextToPlay + excess;
            latencyDrops += packets.headMap(skipTo).size();
            packets.headMap(skipTo).clear();
            nextToPlay = skipTo;
        }
        BufferedPacket p = packets.remove(nextToPlay);
        nextToPlay++;
        if (p != null)
            return new Slot(Kind.PACKET, p, null);
        concealed++;
        BufferedPacket next = packets.get(nextToPlay);
        return new Slot(Kind.LOST, null, next);
    }

    /** Depth (packets) the buffer fills to before playing: about twice the jitter, within [min, max]. */
    public synchronized int targetDepth()
    {
        int byJitter = (int) Math.ceil(2 * statistics.jitterMillis() / frameMillis) + 1;
        return Math.max(minDepth, Math.min(maxDepth, byJitter));
    }

    public synchronized int size() { return packets.size(); }

    public ReceiveStatistics statistics() { return statistics; }

    public synchronized long duplicates() { return duplicates; }

    public synchronized long late() { return late; }

    public synchronized long concealed() { return concealed; }

    public synchronized long overflowDrops() { return overflowDrops; }

    /** Packets dropped to bring the delay back to the target after a backlog built up. */
    public synchronized long latencyDrops() { return latencyDrops; }

    /** 16-bit sequence number to a 64-bit one that keeps counting across wraps. */
    private long extend(int sequence)
    {
        if (highestExtended < 0)
        {
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
