package org.sipgateway.testkit.jitsi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipgateway.media.codec.OpusImplementation;

/**
 * A focus that behaves like Jicofo for any number of gateway callers: every new gateway occupant
 * gets an offer with its own bridge peer (one 440 Hz speaker), which connects and sends. For load
 * and leak tests; single calls use {@link FocusPeer} directly.
 */
public final class AutoFocus implements AutoCloseable {
    private final FocusPeer focus;
    private final Thread worker;
    /** Offers run side by side, as Jicofo's do: one slow ICE check must not hold back the callers behind it. */
    private final ExecutorService offers = Executors.newCachedThreadPool(r -> {
        final Thread t = new Thread(r, "auto-focus-offer");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> offered = new HashSet<>();
    private final List<JvbPeer> bridges = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private volatile boolean running = true;

    private AutoFocus(FocusPeer focus) {
        this.focus = focus;
        this.worker = new Thread(this::run, "auto-focus");
        worker.setDaemon(true);
    }

    public static AutoFocus start(FocusPeer focus) {
        final AutoFocus auto = new AutoFocus(focus);
        auto.worker.start();
        return auto;
    }

    private void run() {
        long ssrc = 5000;
        while (running) {
            for (String nick : focus.observer().gatewaysSeen()) {
                if (!running || !offered.add(nick)) {
                    continue;
                }
                final long speaker = ++ssrc;
                offers.execute(() -> offer(nick, speaker));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void offer(String nick, long ssrc) {
        try {
            final JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
            synchronized (bridges) {
                bridges.add(jvb);
            }
            jvb.addSpeaker(ssrc, 440, 0.15, false);
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                    List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "speaker", ssrc)));
            jvb.connect(call.gatewayTransport());
            jvb.startSending();
            connected.incrementAndGet();
        } catch (Throwable t) {
            synchronized (failures) {
                failures.add(new AssertionError("offer to " + nick + " failed: " + t, t));
            }
        }
    }

    /** How many gateway callers got an accepted offer. */
    public int offersAccepted() {
        return connected.get();
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
        synchronized (bridges) {
            for (JvbPeer jvb : bridges) {
                jvb.close();
            }
            bridges.clear();
        }
    }
}
