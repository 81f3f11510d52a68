package org.sipgateway.callcontrol.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Records every state a link goes through, with bounded waits for the one a test expects. */
final class StateLog implements Consumer<LinkState> {
    private final List<LinkState> states = new ArrayList<>();

    @Override
    public synchronized void accept(LinkState state) {
        states.add(state);
        notifyAll();
    }

    synchronized List<LinkState> all() {
        return List.copyOf(states);
    }

    synchronized List<LinkState.Status> statuses() {
        return states.stream().map(LinkState::status).toList();
    }

    /** Waits for a state (recorded from index {@code from} on) that matches; fails with the history otherwise. */
    synchronized LinkState await(int from, Predicate<LinkState> wanted, Duration timeout, String what) {
        final long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = from; i < states.size(); i++) {
                if (wanted.test(states.get(i))) {
                    return states.get(i);
                }
            }
            final long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeout + "; states: " + states);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    LinkState await(LinkState.Status status, Duration timeout) {
        return await(0, s -> s.status() == status, timeout, status.name());
    }

    synchronized int size() {
        return states.size();
    }
}
