package org.sipgateway.gateway;

import java.util.Optional;

/**
 * A dial-out's place in call control's limits. Its concurrent place is held from the request on; its hourly place is
 * taken only once the requester passed its check in the room ({@link #take}), and given back when the call ends
 * without the phone ever ringing: a refused or failed dial costs nobody's hourly allowance.
 */
public interface DialOutQuota extends AutoCloseable {
    /** Takes the hourly place: empty when taken, else why not (an hourly limit is reached). */
    Optional<String> take();

    /** The phone rang or answered: the dial now counts against the hourly limits for good. */
    void rang();

    /** The dial ended: frees its concurrent place, and its hourly one unless the phone rang. Idempotent. */
    @Override
    void close();
}
