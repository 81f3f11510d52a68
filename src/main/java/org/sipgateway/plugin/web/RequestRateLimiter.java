package org.sipgateway.plugin.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code perMinute} requests per client address in each minute, so PINs cannot be guessed by
 * brute force; the table of addresses is bounded.
 */
final class RequestRateLimiter {
    private static final int MAX_CLIENTS = 10_000;
    private static final long MINUTE_MILLIS = 60_000;

    private final int perMinute;
    private final Map<String, long[]> windows = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    RequestRateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Counts the request; false when the client has used up this minute. */
    synchronized boolean allow(String client, long nowMillis) {
        final long[] window = windows.computeIfAbsent(client, c -> new long[] {nowMillis, 0});
        if (nowMillis - window[0] >= MINUTE_MILLIS) {
            window[0] = nowMillis;
            window[1] = 0;
        }
        return ++window[1] <= perMinute;
    }
}
