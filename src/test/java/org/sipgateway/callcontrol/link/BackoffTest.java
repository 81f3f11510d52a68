package org.sipgateway.callcontrol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(60);

    @Test
    void withoutJitterTheDelayDoublesUpToTheCap() {
        final Backoff backoff = new Backoff(MIN, MAX, 0.2, () -> 0.0);
        final List<Long> seconds = IntStream.rangeClosed(1, 9).mapToObj(n -> backoff.delay(n).toSeconds()).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), seconds);
        assertEquals(MAX, backoff.delay(Integer.MAX_VALUE), "no overflow after very many failures");
    }

    @Test
    void jitterOnlyShortensAndAtMostByItsFraction() {
        final Backoff most = new Backoff(MIN, MAX, 0.2, () -> 0.999_999);
        assertEquals(800, most.delay(1).toMillis());
        assertEquals(48_000, most.delay(20).toMillis(), "the capped delay less 20 %");
        final Random random = new Random(7);
        final Backoff jittered = new Backoff(MIN, MAX, 0.2, random::nextDouble);
        for (int failures = 1; failures <= 50; failures++) {
            final long ideal = Math.min(60_000, 1000L << Math.min(failures - 1, 20));
            final long ms = jittered.delay(failures).toMillis();
            assertTrue(ms <= ideal && ms >= ideal * 0.8 - 1, failures + " failures: " + ms + " ms, ideal " + ideal);
        }
    }

    @Test
    void spreadsGatewaysThatFailedTogether() {
        final Random random = new Random(11);
        final Backoff jittered = new Backoff(MIN, MAX, 0.2, random::nextDouble);
        final long distinct = IntStream.range(0, 20).mapToObj(i -> jittered.delay(6).toMillis()).distinct().count();
        assertTrue(distinct > 10, "twenty gateways at the sixth failure would retry at " + distinct + " moments");
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX, 0.2, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, MIN, 0.2, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(MIN, MAX, 1.0, () -> 0));
    }
}
