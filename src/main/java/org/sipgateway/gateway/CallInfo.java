package org.sipgateway.gateway;

import java.time.Duration;
import java.time.Instant;
import org.sipgateway.media.MediaStats;

/** A snapshot of one live call for the admin page, metrics and logs. */
public record CallInfo(String id, Direction direction, String caller, String room, String codec, CallState state,
        Instant started, MediaStats media) {
    /** Who started the call. */
    public enum Direction { INBOUND, OUTBOUND }

    public Duration duration(Instant now) {
        return Duration.between(started, now);
    }
}
