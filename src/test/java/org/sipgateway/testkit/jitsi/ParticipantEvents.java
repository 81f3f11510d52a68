package org.sipgateway.testkit.jitsi;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.sipgateway.conference.ConferenceListener;
import org.sipgateway.conference.MediaOffer;

/** Records a participant's {@link ConferenceListener} events for assertions, with bounded waits. */
public final class ParticipantEvents implements ConferenceListener {
    public final List<String> joined = new CopyOnWriteArrayList<>();
    public final List<String> lobby = new CopyOnWriteArrayList<>();
    public final List<Integer> counts = new CopyOnWriteArrayList<>();
    public final List<MediaOffer> offers = new CopyOnWriteArrayList<>();
    public final List<String> mediaConnected = new CopyOnWriteArrayList<>();
    public final List<String> mutes = new CopyOnWriteArrayList<>();
    public final List<String> digits = new CopyOnWriteArrayList<>();
    public final List<String> ended = new CopyOnWriteArrayList<>();
    public volatile EndReason endReason;

    @Override
    public void joined(String occupantJid) {
        joined.add(occupantJid);
    }

    @Override
    public void lobby(LobbyState state, String detail) {
        lobby.add(state.name());
    }

    @Override
    public void participantCountChanged(int count) {
        counts.add(count);
    }

    @Override
    public void offerAccepted(MediaOffer offer) {
        offers.add(offer);
    }

    @Override
    public void mediaConnected() {
        mediaConnected.add("connected");
    }

    @Override
    public void muted(boolean muted, String actor) {
        mutes.add(muted + " by " + actor);
    }

    @Override
    public void dtmf(char digit, int durationMillis) {
        digits.add(digit + "/" + durationMillis);
    }

    @Override
    public void ended(EndReason reason, String text) {
        ended.add(reason + ": " + text);
        endReason = reason; // last: tests wait on it, then read the text

    }

    /** Waits until {@code condition} holds; fails naming {@code what} and the events so far. */
    public void await(String what, Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        final long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; events: " + this);
    }

    @Override
    public String toString() {
        return "joined=" + joined + " lobby=" + lobby + " counts=" + counts + " offers=" + offers.size() + " media="
                + mediaConnected + " mutes=" + mutes + " digits=" + digits + " ended=" + ended;
    }
}
