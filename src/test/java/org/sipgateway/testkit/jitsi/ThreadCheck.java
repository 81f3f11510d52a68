package org.sipgateway.testkit.jitsi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Counts the threads a participant owns: its serial executor ({@code sipgw-conference-*}) and its Smack
 * connection's reader and writer. Take a snapshot before, then {@link #assertBackTo} after close: the counts
 * must return to the snapshot (bounded wait). JVM-wide pools that Smack and ice4j share between all connections
 * (created once, reused) are not per-participant resources and are not counted.
 */
public final class ThreadCheck {
    private static final List<String> OWNED = List.of("sipgw-conference-", "Smack Reader", "Smack Writer",
            "sipgw-media-bridge-");

    private ThreadCheck() {
    }

    public static Map<String, Long> snapshot() {
        final Map<String, Long> counts = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).map(ThreadCheck::kind).filter(k -> k != null)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (String k : OWNED) {
            counts.putIfAbsent(k, 0L);
        }
        return counts;
    }

    private static String kind(String name) {
        for (String k : OWNED) {
            if (name.startsWith(k)) {
                return k;
            }
        }
        return null;
    }

    public static void assertBackTo(Map<String, Long> before, Duration timeout) throws InterruptedException {
        final long end = System.nanoTime() + timeout.toNanos();
        Map<String, Long> now = snapshot();
        while (!now.equals(before) && System.nanoTime() < end) {
            Thread.sleep(50);
            now = snapshot();
        }
        if (!now.equals(before)) {
            final List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> kind(n) != null).sorted().toList();
            throw new AssertionError("participant threads left behind: before " + before + ", now " + now + ": " + names);
        }
    }
}
