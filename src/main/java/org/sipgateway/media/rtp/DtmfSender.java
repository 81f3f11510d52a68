package org.sipgateway.media.rtp;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans the RFC 4733 packets of one digit: one packet per 20 ms with the same timestamp and growing duration,
 * the first with the marker bit, then the end packet three times (section 2.5.1.4).
 */
public final class DtmfSender {
    /** One packet to send at tick {@code tick} (20 ms each) after the start. */
    public record Step(int tick, boolean marker, TelephoneEvent event) { }

    private static final int PACKET_MS = 20;
    private static final int END_REPEATS = 3;
    private static final int VOLUME_DBM0 = 10; // -10 dBm0, a typical DTMF level

    private DtmfSender() { }

    public static List<Step> plan(char digit, int durationMs, int clockRate) {
        int event = TelephoneEvent.eventOf(digit);
        if (event < 0)
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "' (use 0-9, *, #, A-D)");
        int ticks = Math.max(2, (durationMs + PACKET_MS - 1) / PACKET_MS);
        int unitsPerTick = clockRate * PACKET_MS / 1000;
        List<Step> steps = new ArrayList<>();
        for (int t = 0; t < ticks - 1; t++)
            steps.add(new Step(t, t == 0, new TelephoneEvent(event, false, VOLUME_DBM0, (t + 1) * unitsPerTick)));
        TelephoneEvent end = new TelephoneEvent(event, true, VOLUME_DBM0, ticks * unitsPerTick);
        for (int r = 0; r < END_REPEATS; r++)
            steps.add(new Step(ticks - 1 + r, false, end));
        return steps;
    }
}
