package org.sipgateway.media.mix;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared 20 ms clock: a small pool of threads, each running one fixed-rate lane that ticks all of its calls
 * back to back (one wake-up per lane and tick instead of one per call, and the codec code stays in cache).
 * A call joins the lane with the fewest calls; no thread is created per call.
 */
public final class MixClock implements AutoCloseable {
    /** A registered call; {@link #cancel()} takes it off its lane (after a tick in progress finishes). */
    public interface Registration {
        void cancel();
    }

    public static final int TICK_MILLIS = 20;
    public static final String THREAD_PREFIX = "sipgw-media-mix-";
    private static final Logger LOG = LoggerFactory.getLogger(MixClock.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final ScheduledExecutorService scheduler;
    private final List<List<Runnable>> lanes = new java.util.ArrayList<>();

    public MixClock(int threads) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, THREAD_PREFIX + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY - 1); // audio is late when it waits behind bulk work
            return t;
        });
        for (int i = 0; i < threads; i++) {
            List<Runnable> lane = new CopyOnWriteArrayList<>();
            lanes.add(lane);
            scheduler.scheduleAtFixedRate(() -> tickAll(lane), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static void tickAll(List<Runnable> lane) {
        for (Runnable call : lane) {
            try {
                call.run();
            } catch (RuntimeException e) { // one broken call must not stop the lane
                LOG.warn("media tick threw: {}", e.toString());
            }
        }
    }

    /** Ticks {@code tick} every 20 ms on the least loaded lane until the registration is cancelled. */
    public synchronized Registration schedule(Runnable tick) {
        List<Runnable> lane = lanes.get(0);
        for (List<Runnable> l : lanes)
            if (l.size() < lane.size())
                lane = l;
        lane.add(tick);
        List<Runnable> chosen = lane;
        return () -> chosen.remove(tick);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
