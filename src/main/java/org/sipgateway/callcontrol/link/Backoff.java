package org.sipgateway.callcontrol.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delay before the next connection attempt: doubles per consecutive failure from {@code min} up to {@code max},
 * then takes off up to {@code jitter} of it at random, so gateways that lost the same server do not all come
 * back in the same second. Never longer than {@code max}, never shorter than {@code min * (1 - jitter)}.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    public Backoff(Duration min, Duration max, double jitter, DoubleSupplier random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + " and " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        this.min = min;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** @param failures consecutive failures so far, at least 1 */
    public Duration delay(int failures) {
        final int doublings = Math.min(Math.max(failures, 1) - 1, 30); // 2^30 * min is beyond any sensible max
        final long capped = Math.min(max.toMillis(), min.toMillis() << doublings);
        final double factor = 1.0 - jitter * Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }
}
