package org.sipgateway.sip.call;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Calls of one service by Call-ID, so in-dialog requests and CANCELs find their call. */
public final class CallRegistry {

    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();

    void add(SipCall call) {
        calls.put(call.callId(), call);
    }

    void remove(SipCall call) {
        calls.remove(call.callId(), call);
    }

    public SipCall get(String callId) {
        return calls.get(callId);
    }

    public int size() {
        return calls.size();
    }

    public List<SipCall> all() {
        return List.copyOf(calls.values());
    }

    /** Ends every call (BYE/CANCEL/480 as fitting) with cause SHUTDOWN; used by service stop. */
    public void hangupAll(String reason) {
        for (SipCall c : all()) {
            c.terminate(reason, CallEnd.Cause.SHUTDOWN);
        }
    }
}
