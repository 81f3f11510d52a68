package org.sipgateway.gateway.ivr;

import java.time.Duration;

/**
 * How the keypad IVR behaves (the plugin fills it from {@code sipgateway.ivr.*}).
 *
 * @param number          a Request-URI user that always reaches the IVR, even when a default room is set; empty: none
 * @param attempts        tries per entry (PIN, room password) before the goodbye prompt and BYE
 * @param digitTimeout    longest pause between two digits; then what was typed counts as entered
 * @param entryTimeout    time for one whole entry, from the end of its prompt
 * @param askRoomPassword ask for the room password on the keypad when the room is locked
 */
public record IvrConfig(String number, int attempts, Duration digitTimeout, Duration entryTimeout,
        boolean askRoomPassword) {
    public IvrConfig {
        number = number == null ? "" : number.trim();
        if (attempts < 1) {
            throw new IllegalArgumentException("the IVR needs at least one attempt, got " + attempts);
        }
        if (digitTimeout.isNegative() || digitTimeout.isZero() || entryTimeout.isNegative() || entryTimeout.isZero()) {
            throw new IllegalArgumentException("IVR timeouts must be positive");
        }
    }

    /** True when a call to this Request-URI user goes to the IVR whatever else would name a room. */
    public boolean isIvrNumber(String requestUriUser) {
        return !number.isEmpty() && number.equals(requestUriUser);
    }
}
