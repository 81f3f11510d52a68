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

    @Test
    void aKeypadCallCountsTowardTheGatewayAndJoinsItsRoomsCountOnceItHasARoom() {
        final CallLimits limits = new CallLimits(2, 1);
        final CallLimits.Permit ivr = limits.tryAcquireWithoutRoom().permit().orElseThrow();
        assertEquals(1, limits.active());
        assertTrue(limits.tryAcquire("room1@conference.x").permit().isPresent());
        assertEquals(503, limits.tryAcquireWithoutRoom().refusal().orElseThrow().sipStatus(), "the gateway is full");

        final CallLimits.Refusal full = ivr.assign("room1@conference.x").orElseThrow();
        assertEquals(486, full.sipStatus(), "room1 already has its one phone call");
        assertTrue(ivr.assign("room2@conference.x").isEmpty());
        assertEquals(1, limits.activeIn("room2@conference.x"));
        ivr.close();
        assertEquals(0, limits.activeIn("room2@conference.x"));
        assertEquals(1, limits.active());
    }
}
