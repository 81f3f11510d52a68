package org.sipgateway.gateway;

/** A call the registry lists: dial-in or dial-out, whatever its state. */
public interface LiveCall {
    String id();

    /** A snapshot for the admin page, metrics and logs. */
    CallInfo info();

    /** Ends the call from our side (admin, unload, shutdown); returns at once, the call ends on its own executor. */
    void hangup(String reason);
}
