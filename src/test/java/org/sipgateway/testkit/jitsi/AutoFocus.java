package org.sipgateway.testkit.jitsi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.sipgateway.media.RtpReception;
import org.sipgateway.media.codec.OpusImplementation;

/**
 * A focus that behaves like Jicofo for any number of gateway callers: every new gateway occupant gets an offer with
 * its own bridge peer (one 440 Hz speaker, or several), which connects and sends; when the occupant leaves, its
 * bridge peer is closed, as the videobridge expires an endpoint. For load and leak tests, where thousands of calls
 * come and go: presences are handled as they arrive, never rescanned. Single calls use {@link FocusPeer} directly.
 * A caller can be reserved by the name Meet shows for it ({@link #reserve}): its bridge peer then speaks what the test
 * says (a probe signal) and decodes what it receives, and the test gets that peer.
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
    private final AtomicLong releasedExpected = new AtomicLong();
    private final AtomicLong releasedReceived = new AtomicLong();
    /** Callers reserved by their shown name (XEP-0172 nick), each for one offer. */
    private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
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
        focus.observer().gatewaysSeen().forEach(nick -> auto.movements.add(new Movement(nick, false, null)));
        auto.worker.start();
        return auto;
    }

    /** How a reserved caller's bridge peer speaks: called for each speaker slot, in place of the tone speaker. */
    @FunctionalInterface
    public interface SpeakerSetup {
        void addSpeaker(JvbPeer jvb, int index, long ssrc) throws Exception;
    }

    /** A reserved caller's bridge peer (decoding what it receives) and its Jingle session, once it sends. */
    public record ReservedCaller(String nick, JvbPeer jvb, FocusCall call) {
    }

    private record Reservation(SpeakerSetup setup, CompletableFuture<ReservedCaller> caller) {
    }

    /**
     * The next gateway caller shown in the room as {@code shownName} gets a bridge peer whose speakers {@code setup}
     * adds (as many slots as the others have); the future completes when that peer sends, or fails with the offer.
     */
    public CompletableFuture<ReservedCaller> reserve(String shownName, SpeakerSetup setup) {
        final Reservation r = new Reservation(setup, new CompletableFuture<>());
        if (reservations.putIfAbsent(shownName, r) != null) {
            throw new IllegalStateException(shownName + " is reserved already");
        }
        return r.caller();
    }

    private record Movement(String nick, boolean left, String shownName) {
    }

    /** The name the gateway shows for its caller: the XEP-0172 nick in its presence. */
    private static String shownName(Presence p) {
        final ExtensionElement nick = p.getExtensionElement(Nick.ELEMENT_NAME, Nick.NAMESPACE);
        if (nick instanceof Nick n) {
            return n.getName();
        }
        return nick instanceof StandardExtensionElement e ? e.getText() : null;
    }

    private void observe(Presence p) {
        if (p.getFrom() == null) {
            return;
        }
        final String nick = p.getFrom().getResourceOrEmpty().toString();
        if (p.getType() == Presence.Type.unavailable) {
            movements.add(new Movement(nick, true, null));
        } else if (RoomObserver.hasJigasiFeature(p)) {
            movements.add(new Movement(nick, false, shownName(p)));
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
                final Reservation reserved = m.shownName() == null ? null : reservations.remove(m.shownName());
                offers.execute(() -> offer(nick, firstSsrc, reserved));
            }
        }
    }

    private void offer(String nick, long firstSsrc, Reservation reserved) {
        try {
            final JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
            synchronized (bridges) {
                if (gone.contains(nick)) {
                    jvb.close();
                    if (reserved != null) {
                        reserved.caller().completeExceptionally(new AssertionError(nick + " left before its offer"));
                    }
                    return;
                }
                bridges.put(nick, jvb);
            }
            final List<BridgeSource> sources = new ArrayList<>(List.of(BridgeSource.jvb(999)));
            for (int s = 0; s < speakers; s++) {
                if (reserved != null) {
                    reserved.setup().addSpeaker(jvb, s, firstSsrc + s);
                } else {
                    jvb.addSpeaker(firstSsrc + s, 440 + 500 * s, 0.15, false);
                }
                sources.add(BridgeSource.speaker(focus.roomJid(), s == 0 ? "speaker" : "speaker" + s, firstSsrc + s));
            }
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(), sources);
            if (speakers > 1 && reserved == null) { // benchmarks: pre-encoded Opus, the uplink counted, not decoded
                jvb.bridge().benchmarkMode();
            }
            jvb.connect(call.gatewayTransport());
            jvb.startSending();
            connected.incrementAndGet();
            if (reserved != null) {
                reserved.caller().complete(new ReservedCaller(nick, jvb, call));
            }
        } catch (Throwable t) {
            if (reserved != null) {
                reserved.caller().completeExceptionally(new AssertionError("offer to " + nick + " failed: " + t, t));
            }
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
            if (jvb != null) { // under the lock: uplinkReception() sees this stream either open or released
                final RtpReception.Counts reception = jvb.bridge().uplinkReception();
                releasedExpected.addAndGet(reception.expected());
                releasedReceived.addAndGet(reception.received());
            }
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

    /**
     * The callers' uplink as all bridge peers received it, closed ones included: packets expected (from sequence
     * numbers) and received so far; the jitter (RFC 3550 section 6.4.1) is the mean and highest of the open streams.
     */
    public UplinkReception uplinkReception() {
        long expected = releasedExpected.get();
        long received = releasedReceived.get();
        double jitterSum = 0;
        double jitterMax = 0;
        int streams = 0;
        synchronized (bridges) {
            for (JvbPeer jvb : bridges.values()) {
                final RtpReception.Counts c = jvb.bridge().uplinkReception();
                expected += c.expected();
                received += c.received();
                if (c.received() > 1) {
                    jitterSum += c.jitterMillis();
                    jitterMax = Math.max(jitterMax, c.jitterMillis());
                    streams++;
                }
            }
        }
        return new UplinkReception(new RtpReception.Counts(expected, received, jitterMax),
                streams == 0 ? 0 : jitterSum / streams, streams);
    }

    /** {@link #uplinkReception()}: the totals (with the highest jitter), the mean jitter, how many streams. */
    public record UplinkReception(RtpReception.Counts totals, double meanJitterMillis, int streams) {
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
