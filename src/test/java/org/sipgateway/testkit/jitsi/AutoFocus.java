package org.sipgateway.testkit.jitsi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.Presence;
import org.sipgateway.media.codec.OpusImplementation;

/**
 * A focus that behaves like Jicofo for any number of gateway callers: every new gateway occupant gets an offer with
 * its own bridge peer (one 440 Hz speaker, or several), which connects and sends; when the occupant leaves, its
 * bridge peer is closed, as the videobridge expires an endpoint. For load and leak tests, where thousands of calls
 * come and go: presences are handled as they arrive, never rescanned. Single calls use {@link FocusPeer} directly.
 */
public final class AutoFocus implements AutoCloseable {
    private final FocusPeer focus;
    private final int speakers;
    private final Thread worker;
    /** Gateway occupants coming and going, in the order the room announced them. */
    private final BlockingQueue<Movement> movements = new LinkedBlockingQueue<>();
    /** Offers run side by side, as Jicofo's do: one slow ICE check must not hold back the callers behind it. */
    private final ExecutorService offers = Executors.newCachedThreadPool(r -> {
        final Thread t = new Thread(r, "auto-focus-offer");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> offered = new HashSet<>();
    private final Set<String> gone = new HashSet<>();
    /** Bridge peers of callers still in the room, by nick. */
    private final Map<String, JvbPeer> bridges = new HashMap<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    private final AtomicLong releasedUplink = new AtomicLong();
    private volatile boolean running = true;

    private AutoFocus(FocusPeer focus, int speakers) {
        this.focus = focus;
        this.speakers = speakers;
        this.worker = new Thread(this::run, "auto-focus");
        worker.setDaemon(true);
    }

    public static AutoFocus start(FocusPeer focus) {
        return start(focus, 1);
    }

    /** Each bridge peer sends {@code speakers} Opus speakers (440, 940, 1440 Hz ...), as a busy conference does;
     * with more than one, the peers replay pre-encoded Opus and only count what they receive (benchmarks). */
    public static AutoFocus start(FocusPeer focus, int speakers) {
        final AutoFocus auto = new AutoFocus(focus, speakers);
        focus.observer().listen(auto::observe);
        // occupants that joined before we listened
        focus.observer().gatewaysSeen().forEach(nick -> auto.movements.add(new Movement(nick, false)));
        auto.worker.start();
        return auto;
    }

    private record Movement(String nick, boolean left) {
    }

    private void observe(Presence p) {
        if (p.getFrom() == null) {
            return;
        }
        final String nick = p.getFrom().getResourceOrEmpty().toString();
        if (p.getType() == Presence.Type.unavailable) {
            movements.add(new Movement(nick, true));
        } else if (RoomObserver.hasJigasiFeature(p)) {
            movements.add(new Movement(nick, false));
        }
    }

    private void run() {
        long ssrc = 5000;
        while (running) {
            final Movement m;
            try {
                m = movements.take();
            } catch (InterruptedException e) {
                return;
            }
            final String nick = m.nick();
            if (m.left()) {
                offers.execute(() -> release(nick));
            } else if (offered.add(nick)) {
                final long firstSsrc = ssrc + 1;
                ssrc += speakers;
                offers.execute(() -> offer(nick, firstSsrc));
            }
        }
    }

    private void offer(String nick, long firstSsrc) {
        try {
            final JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
            synchronized (bridges) {
                if (gone.contains(nick)) {
                    jvb.close();
                    return;
                }
                bridges.put(nick, jvb);
            }
            final List<BridgeSource> sources = new ArrayList<>(List.of(BridgeSource.jvb(999)));
            for (int s = 0; s < speakers; s++) {
                jvb.addSpeaker(firstSsrc + s, 440 + 500 * s, 0.15, false);
                sources.add(BridgeSource.speaker(focus.roomJid(), s == 0 ? "speaker" : "speaker" + s, firstSsrc + s));
            }
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(), sources);
            if (speakers > 1) { // benchmarks: pre-encoded Opus, the uplink counted, not decoded
                jvb.bridge().benchmarkMode();
            }
            jvb.connect(call.gatewayTransport());
            jvb.startSending();
            connected.incrementAndGet();
        } catch (Throwable t) {
            synchronized (bridges) {
                if (gone.contains(nick)) { // the caller left during the offer: Jicofo drops it too
                    return;
                }
            }
            synchronized (failures) {
                failures.add(new AssertionError("offer to " + nick + " failed: " + t, t));
            }
        }
    }

    /** The gateway occupant left: its bridge endpoint expires. */
    private void release(String nick) {
        final JvbPeer jvb;
        synchronized (bridges) {
            gone.add(nick);
            jvb = bridges.remove(nick);
        }
        if (jvb != null) {
            releasedUplink.addAndGet(jvb.bridge().uplinkPackets());
            try {
                jvb.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            released.incrementAndGet();
        }
    }

    /** How many gateway callers got an accepted offer. */
    public int offersAccepted() {
        return connected.get();
    }

    /** How many bridge peers were closed because their gateway occupant left the room. */
    public int bridgesReleased() {
        return released.get();
    }

    /** Bridge peers still open (callers in the room, or offers in progress). */
    public int bridgesOpen() {
        synchronized (bridges) {
            return bridges.size();
        }
    }

    /** RTP packets all bridge peers have received from the gateway so far (the callers' voice). */
    public long uplinkPackets() {
        synchronized (bridges) {
            return releasedUplink.get() + bridges.values().stream().mapToLong(j -> j.bridge().uplinkPackets()).sum();
        }
    }

    /** Fails with the first offer that went wrong. */
    public void assertNoFailures() {
        synchronized (failures) {
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.size() + " offers failed; first: " + failures.get(0), failures.get(0));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(10_000);
        offers.shutdownNow();
        offers.awaitTermination(10, TimeUnit.SECONDS);
        final List<JvbPeer> open;
        synchronized (bridges) {
            open = new ArrayList<>(bridges.values());
            bridges.clear();
        }
        for (JvbPeer jvb : open) {
            jvb.close();
        }
    }
}
