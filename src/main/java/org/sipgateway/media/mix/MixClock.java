package org.sipgateway.media.mix;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The shared 20 ms clock: a small pool ticks every session at a fixed rate (one schedule per call, no thread per call). */
public final class MixClock implements AutoCloseable
{
    public static final int TICK_MILLIS = 20;
    public static final String THREAD_PREFIX = "sipgw-media-mix-";
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final ScheduledExecutorService scheduler;

    public MixClock(int threads)
    {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, THREAD_PREFIX + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY - 1); // audio is late when it waits behind bulk work
            return t;
        };
        this.scheduler = Executors.newScheduledThreadPool(threads, factory);
    }

    /** Runs {@code tick} every 20 ms until the returned handle is cancelled; a failing tick is contained. */
    public ScheduledFuture<?> schedule(Runnable tick)
    {
        return scheduler.scheduleAtFixedRate(tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close()
    {
        scheduler.shutdownNow();
        try
        {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
