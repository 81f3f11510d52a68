package org.sipgateway.media.rtp;

import java.util.function.BiConsumer;

/**
 * Turns a stream of RFC 4733 packets into digits: one report per event, however many packets (an event's
 * packets share one RTP timestamp; the end packet is sent three times, section 2.5.1.4).
 */
public final class DtmfReceiver {
    private final int clockRate;
    private final BiConsumer<Character, Integer> onDigit; // digit, duration in ms
    private long currentTimestamp = -1;
    private boolean currentReported;

    public DtmfReceiver(int clockRate, BiConsumer<Character, Integer> onDigit) {
        this.clockRate = clockRate;
        this.onDigit = onDigit;
    }

    /** Feeds one telephone-event packet; reports the digit when its end is seen (or a new event starts). */
    public synchronized void receive(long rtpTimestamp, byte[] payload, int off, int len) {
        TelephoneEvent e = TelephoneEvent.parse(payload, off, len);
        if (e == null || e.digit() == '?')
            return;
        if (rtpTimestamp != currentTimestamp) {
            currentTimestamp = rtpTimestamp;
            currentReported = false;
        }
        if (e.end() && !currentReported) {
            currentReported = true;
            onDigit.accept(e.digit(), (int) ((long) e.duration() * 1000 / clockRate));
        }
    }
}
