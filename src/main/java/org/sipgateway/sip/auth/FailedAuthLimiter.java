package org.sipgateway.sip.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts failed authentications per source address and blocks a source that fails too often. */
public final class FailedAuthLimiter {

    private static final int MAX_TRACKED_SOURCES = 10_000;

    private final int maxFailures;
    private final long windowMs;
    private final Clock clock;
    private final Map<String, long[]> failures = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_TRACKED_SOURCES; // bounded memory under a flood of spoofed sources
        }
    };

    /** @param maxFailures failures allowed per window before the source is blocked for the rest of it */
    public FailedAuthLimiter(int maxFailures, long windowMs, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMs = windowMs;
        this.clock = clock;
    }

    public synchronized void recordFailure(String source) {
        long now = clock.millis();
        long[] entry = failures.get(source);
        if (entry == null || now - entry[0] > windowMs) {
            failures.put(source, new long[] {now, 1});
        } else {
            entry[1]++;
        }
    }

    public synchronized boolean isBlocked(String source) {
        long[] entry = failures.get(source);
        if (entry == null) {
            return false;
        }
        if (clock.millis() - entry[0] > windowMs) {
            failures.remove(source);
            return false;
        }
        return entry[1] >= maxFailures;
    }

    public synchronized void recordSuccess(String source) {
        failures.remove(source);
    }
}
