package org.sipgateway.testkit.jitsi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipgateway.conference.DtlsFingerprint;
import org.sipgateway.conference.JingleCandidate;
import org.sipgateway.conference.JingleMedia;
import org.sipgateway.conference.JingleTransport;
import org.sipgateway.conference.MediaOffer;
import org.sipgateway.conference.RemoteSource;

/**
 * A {@link JingleMedia} for signalling tests: answers with a fixed, well-formed loopback transport (no sockets) and
 * records every call, so a test can assert what the conference leg handed to media.
 */
public final class RecordingMedia implements JingleMedia {
    public static final String FINGERPRINT =
            "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    public final List<MediaOffer> offers = new CopyOnWriteArrayList<>();
    public final List<RemoteSource> added = new CopyOnWriteArrayList<>();
    public final List<RemoteSource> removed = new CopyOnWriteArrayList<>();
    public final List<JingleTransport> replacements = new CopyOnWriteArrayList<>();
    public final List<JingleCandidate> candidates = new CopyOnWriteArrayList<>();
    public final List<Boolean> mutes = new CopyOnWriteArrayList<>();
    public final AtomicInteger closes = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile Events events;

    @Override
    public JingleTransport accept(MediaOffer offer, Events events) {
        this.events = events;
        offers.add(offer);
        return local();
    }

    private JingleTransport local() {
        final int g = generation.incrementAndGet();
        return new JingleTransport("gwufrag" + g, "gatewaypasswordgateway" + g,
                List.of(JingleCandidate.host("1", 2130706431L, "127.0.0.1", 40000 + g)),
                new DtlsFingerprint("sha-256", FINGERPRINT, "active"));
    }

    /** Plays media reporting the bridge connected. */
    public void reportConnected() {
        events.connected();
    }

    @Override
    public void sourcesAdded(List<RemoteSource> sources) {
        added.addAll(sources);
    }

    @Override
    public void sourcesRemoved(List<RemoteSource> sources) {
        removed.addAll(sources);
    }

    @Override
    public JingleTransport replaceTransport(JingleTransport bridge) {
        replacements.add(bridge);
        return local();
    }

    @Override
    public void remoteCandidates(List<JingleCandidate> more) {
        candidates.addAll(more);
    }

    @Override
    public void setMuted(boolean muted) {
        mutes.add(muted);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
