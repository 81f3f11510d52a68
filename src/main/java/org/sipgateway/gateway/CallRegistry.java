package org.sipgateway.gateway;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The live calls of this gateway, by id: for the admin page (list, hang up), metrics and unload. */
public final class CallRegistry {
    private final Map<String, GatewaySession> calls = new ConcurrentHashMap<>();

    void add(GatewaySession session) {
        calls.put(session.id(), session);
    }

    void remove(GatewaySession session) {
        calls.remove(session.id(), session);
    }

    public List<CallInfo> snapshot() {
        return calls.values().stream().map(GatewaySession::info)
                .sorted(Comparator.comparing(CallInfo::started)).toList();
    }

    public int size() {
        return calls.size();
    }

    /** Ends one call (the admin's hang-up button); false when no such call is live. */
    public boolean hangup(String id, String reason) {
        final Optional<GatewaySession> call = Optional.ofNullable(calls.get(id));
        call.ifPresent(c -> c.hangup(reason));
        return call.isPresent();
    }

    /** Ends every call (plugin unload, shutdown). */
    public void hangupAll(String reason) {
        calls.values().forEach(c -> c.hangup(reason));
    }
}
