package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallLimitsTest {
    @Test
    void gatewayLimitRefusesWith503AndReason() {
        final CallLimits limits = new CallLimits(2, 0);
        assertTrue(limits.tryAcquire("a").permit().isPresent());
        assertTrue(limits.tryAcquire("b").permit().isPresent());
        final CallLimits.Result third = limits.tryAcquire("c");
        assertTrue(third.permit().isEmpty());
        assertEquals(503, third.refusal().orElseThrow().sipStatus());
        assertTrue(third.refusal().orElseThrow().reason().contains("2 calls"));
    }

    @Test
    void roomLimitRefusesWith486NamingTheRoomAndOtherRoomsStillGetIn() {
        final CallLimits limits = new CallLimits(10, 1);
        assertTrue(limits.tryAcquire("room1@conference.x").permit().isPresent());
        final CallLimits.Result second = limits.tryAcquire("room1@conference.x");
        assertEquals(486, second.refusal().orElseThrow().sipStatus());
        assertTrue(second.refusal().orElseThrow().reason().contains("room1@conference.x"));
        assertTrue(limits.tryAcquire("room2@conference.x").permit().isPresent());
    }

    @Test
    void releasingFreesThePlaceExactlyOnce() {
        final CallLimits limits = new CallLimits(1, 0);
        final CallLimits.Permit permit = limits.tryAcquire("a").permit().orElseThrow();
        permit.close();
        permit.close();
        assertEquals(0, limits.active());
        assertEquals(0, limits.activeIn("a"));
        assertTrue(limits.tryAcquire("a").permit().isPresent());
        assertTrue(limits.tryAcquire("b").permit().isEmpty(), "a double release must not free a second place");
    }
}
