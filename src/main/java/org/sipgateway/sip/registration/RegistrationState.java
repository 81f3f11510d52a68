package org.sipgateway.sip.registration;

import java.time.Instant;

/**
 * A snapshot of one account's registration for the admin page and health checks.
 *
 * @param status    where the client is
 * @param reason    last outcome in words, e.g. "200 OK" or "403 Forbidden" or "no response from 10.0.0.1:5060"
 * @param expiresAt when the current binding runs out (REGISTERED only), else null
 * @param nextAttempt when the next REGISTER (refresh or retry) is due, else null
 * @param failures  consecutive failed attempts
 * @param seenAs    {@code host:port} the registrar saw our REGISTER come from (Via received/rport, RFC 3581),
 *                  when that differs from what we advertise: a NAT, see sipgateway.sip.public-address; else null
 */
public record RegistrationState(Status status, String reason, Instant expiresAt, Instant nextAttempt, int failures,
                                String seenAs) {

    public enum Status {
        /** Not started or stopped (after un-REGISTER). */
        IDLE,
        /** REGISTER sent, waiting for the final answer. */
        REGISTERING,
        /** Bound at the registrar. */
        REGISTERED,
        /** Last attempt failed; retrying at {@code nextAttempt}. */
        FAILING
    }

    public boolean registered() {
        return status == Status.REGISTERED;
    }
}
