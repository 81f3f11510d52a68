package org.sipgateway.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.sipgateway.media.MediaStats;
import org.sipgateway.media.StreamStats;

/**
 * Counters over every call this gateway has finished, for /metrics and /stats: calls by direction and
 * result, setup time (INVITE to 200 OK) as a histogram, RTP packets and loss per side.
 */
public final class CallStatistics {
    /** Upper bounds of the setup-time buckets, in seconds (Prometheus "le"). */
    public static final double[] SETUP_BUCKETS = {0.25, 0.5, 1, 2, 5, 10, 20, 30};

    private final Map<String, Long> ended = new TreeMap<>();
    private final AtomicLongArray setupBuckets = new AtomicLongArray(SETUP_BUCKETS.length + 1);
    private long setupCount;
    private double setupSumSeconds;
    private long sipReceived;
    private long sipLost;
    private long bridgeReceived;
    private long bridgeLost;

    /** A call ended: {@code connected} when audio was bridged at some point; media may be null. */
    public synchronized void ended(CallInfo.Direction direction, boolean connected, MediaStats media) {
        ended.merge(direction.name().toLowerCase(java.util.Locale.ROOT) + "," + (connected ? "connected" : "failed"),
                1L, Long::sum);
        if (media != null) {
            sipReceived += media.sip().packetsReceived();
            sipLost += Math.max(0, media.sip().packetsLost());
            bridgeReceived += media.bridge().packetsReceived();
            bridgeLost += Math.max(0, media.bridge().packetsLost());
        }
    }

    /** The time from the INVITE to our 200 OK of a connected call. */
    public synchronized void setupTime(Duration setup) {
        final double seconds = setup.toMillis() / 1000.0;
        int bucket = 0;
        while (bucket < SETUP_BUCKETS.length && seconds > SETUP_BUCKETS[bucket]) {
            bucket++;
        }
        setupBuckets.incrementAndGet(bucket);
        setupCount++;
        setupSumSeconds += seconds;
    }

    /** A consistent copy of every counter. */
    public synchronized Snapshot snapshot() {
        final long[] buckets = new long[setupBuckets.length()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = setupBuckets.get(i);
        }
        return new Snapshot(Map.copyOf(ended), buckets, setupCount, setupSumSeconds,
                new StreamTotals(sipReceived, sipLost), new StreamTotals(bridgeReceived, bridgeLost));
    }

    /** Packets received and lost on one side, over finished calls. */
    public record StreamTotals(long received, long lost) {
        StreamTotals plus(StreamStats live) {
            return live == null ? this : new StreamTotals(received + live.packetsReceived(), lost + Math.max(0, live.packetsLost()));
        }
    }

    /**
     * @param ended        "direction,result" to the number of calls
     * @param setupBuckets counts per bucket of {@link #SETUP_BUCKETS} (not cumulative), the last one above all
     */
    public record Snapshot(Map<String, Long> ended, long[] setupBuckets, long setupCount, double setupSumSeconds,
            StreamTotals sip, StreamTotals bridge) {
        public long total() {
            return ended.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
