package org.sipgateway.testkit.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sipgateway.sip.call.CallEnd;
import org.sipgateway.sip.call.SipCallListener;
import org.sipgateway.sip.sdp.NegotiatedMedia;

/**
 * A {@link SipCallListener} that records events as short strings for assertions:
 * {@code progress 180}, {@code early PCMU}, {@code answered PCMU sendrecv}, {@code media sendonly},
 * {@code dtmf 5}, {@code ended REMOTE_HANGUP 200}.
 */
public final class CallEvents implements SipCallListener {

    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private volatile NegotiatedMedia lastMedia;
    private volatile CallEnd end;

    @Override
    public void onProgress(int status, String reason, Optional<NegotiatedMedia> earlyMedia) {
        queue.add("progress " + status);
        earlyMedia.ifPresent(m -> queue.add("early " + m.codec().name()));
    }

    @Override
    public void onAnswered(NegotiatedMedia media) {
        lastMedia = media;
        queue.add("answered " + media.codec().name() + " " + media.direction().attribute());
    }

    @Override
    public void onMediaChanged(NegotiatedMedia media) {
        lastMedia = media;
        queue.add("media " + media.direction().attribute() + (media.heldByPeer() ? " held" : "") + " "
                + media.codec().name());
    }

    @Override
    public void onDtmf(char digit, int durationMs) {
        queue.add("dtmf " + digit);
    }

    @Override
    public void onEnded(CallEnd e) {
        end = e;
        queue.add("ended " + e.cause() + " " + e.status());
    }

    /** Waits (bounded) for an event starting with {@code prefix}; fails listing what did arrive. */
    public String await(String prefix, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            String e;
            try {
                e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + prefix);
            }
            if (e == null) {
                throw new AssertionError("no call event '" + prefix + "' within " + timeout + "; got " + seen);
            }
            synchronized (seen) {
                seen.add(e);
            }
            if (e.startsWith(prefix)) {
                return e;
            }
        }
    }

    public NegotiatedMedia lastMedia() {
        return lastMedia;
    }

    public CallEnd end() {
        return end;
    }

    /** Events consumed by {@link #await} so far. */
    public List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }
}
