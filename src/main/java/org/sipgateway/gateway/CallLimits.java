package org.sipgateway.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Admission control for calls: at most {@code maxCalls} at once on this gateway and at most
 * {@code maxPerRoom} in one room (0 = no per-room limit). A permit is released exactly once.
 */
public final class CallLimits {
    private final int maxCalls;
    private final int maxPerRoom;
    private final Map<String, Integer> perRoom = new HashMap<>();
    private int total;

    public CallLimits(int maxCalls, int maxPerRoom) {
        if (maxCalls < 1 || maxPerRoom < 0) {
            throw new IllegalArgumentException("maxCalls must be >= 1 and maxPerRoom >= 0");
        }
        this.maxCalls = maxCalls;
        this.maxPerRoom = maxPerRoom;
    }

    /** A refusal: the SIP status and reason phrase to answer with. */
    public record Refusal(int sipStatus, String reason) {
    }

    /** Held by a call while it runs; {@link #close()} gives the place back (idempotent). */
    public final class Permit implements AutoCloseable {
        private String room; // null while a keypad IVR call has no room yet
        private boolean released;

        private Permit(String room) {
            this.room = room;
        }

        /** A keypad IVR call found its room: it counts there from now on, unless the room is full. */
        public Optional<Refusal> assign(String target) {
            synchronized (CallLimits.this) {
                if (released || room != null) {
                    throw new IllegalStateException("only a live permit without a room can be assigned one");
                }
                final int inRoom = perRoom.getOrDefault(target, 0);
                if (maxPerRoom > 0 && inRoom >= maxPerRoom) {
                    return Optional.of(roomFull(target));
                }
                perRoom.put(target, inRoom + 1);
                room = target;
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            synchronized (CallLimits.this) {
                if (released) {
                    return;
                }
                released = true;
                total--;
                if (room != null) {
                    perRoom.computeIfPresent(room, (r, n) -> n <= 1 ? null : n - 1);
                }
            }
        }
    }

    /** A permit, or the refusal when the gateway or the room is full. */
    public synchronized Result tryAcquire(String room) {
        if (total >= maxCalls) {
            return new Result(Optional.empty(), Optional.of(atCapacity()));
        }
        final int inRoom = perRoom.getOrDefault(room, 0);
        if (maxPerRoom > 0 && inRoom >= maxPerRoom) {
            return new Result(Optional.empty(), Optional.of(roomFull(room)));
        }
        total++;
        perRoom.put(room, inRoom + 1);
        return new Result(Optional.of(new Permit(room)), Optional.empty());
    }

    /** A permit for a keypad IVR call, which learns its room later ({@link Permit#assign}); only the total counts. */
    public synchronized Result tryAcquireWithoutRoom() {
        if (total >= maxCalls) {
            return new Result(Optional.empty(), Optional.of(atCapacity()));
        }
        total++;
        return new Result(Optional.of(new Permit(null)), Optional.empty());
    }

    private Refusal atCapacity() {
        // RFC 3261 section 21.5.4: 503 tells a proxy to try another gateway.
        return new Refusal(503, "Gateway at capacity (" + maxCalls + " calls)");
    }

    private Refusal roomFull(String room) {
        return new Refusal(486, "Room " + room + " already has " + maxPerRoom + " phone calls");
    }

    public synchronized int active() {
        return total;
    }

    public synchronized int activeIn(String room) {
        return perRoom.getOrDefault(room, 0);
    }

    /** Either a permit or a refusal. */
    public record Result(Optional<Permit> permit, Optional<Refusal> refusal) {
    }
}
