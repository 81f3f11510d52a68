package org.sipgateway.gateway;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live calls of this gateway, by id: for the admin page (list, hang up), metrics, the brewery's load report
 * and unload. Listeners hear every call that starts or ends (on the thread that changed the registry).
 */
public final class CallRegistry {
    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void add(LiveCall call) {
        calls.put(call.id(), call);
        changed();
    }

    void remove(LiveCall call) {
        if (calls.remove(call.id(), call)) {
            changed();
        }
    }

    /** Tells {@code listener} about every call that starts or ends, until {@link #removeListener}. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        for (Runnable l : listeners) {
            l.run();
        }
    }

    public List<CallInfo> snapshot() {
        return calls.values().stream().map(LiveCall::info)
                .sorted(Comparator.comparing(CallInfo::started)).toList();
    }

    public int size() {
        return calls.size();
    }

    /** Ends one call (the admin's hang-up button); false when no such call is live. */
    public boolean hangup(String id, String reason) {
        final Optional<LiveCall> call = Optional.ofNullable(calls.get(id));
        call.ifPresent(c -> c.hangup(reason));
        return call.isPresent();
    }

    /** Ends every call (plugin unload, shutdown). */
    public void hangupAll(String reason) {
        calls.values().forEach(c -> c.hangup(reason));
    }
}
