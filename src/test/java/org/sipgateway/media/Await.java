package org.sipgateway.media;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for something a media test can observe (packets counted at a receiver, a listener event, a thread
 * count, a tone in what arrived) instead of a fixed sleep. The bound is generous, the test's own timeout, never a
 * timing assertion: a loaded machine only makes the wait longer. Failing names what was awaited and the state seen.
 */
public final class Await {
    /** The default bound: far beyond anything a healthy call needs, even on a saturated 2-core machine. */
    public static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;

    private Await() { }

    /** Waits until {@code condition} holds, at most {@link #GENEROUS}; else fails naming {@code what}. */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, condition, () -> "", GENEROUS);
    }

    /** The same, appending {@code state} (evaluated only on failure) to the failure message. */
    public static void until(String what, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        until(what, condition, state, GENEROUS);
    }

    /** Waits until {@code condition} holds, at most {@code bound}; else fails naming {@code what} and the state seen. */
    public static void until(String what, BooleanSupplier condition, Supplier<String> state, Duration bound)
        throws InterruptedException {
        long start = System.nanoTime();
        if (!holdsWithin(condition, bound))
            throw new AssertionError("timed out after " + Duration.ofNanos(System.nanoTime() - start).toMillis()
                + " ms waiting for: " + what + stateText(state));
    }

    /** Whether {@code condition} holds within {@code bound} (polled every 10 ms); for a caller with its own failure. */
    public static boolean holdsWithin(BooleanSupplier condition, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end >= 0)
                return condition.getAsBoolean();
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    private static String stateText(Supplier<String> state) {
        String s = state.get();
        return s == null || s.isEmpty() ? "" : " (" + s + ")";
    }
}
