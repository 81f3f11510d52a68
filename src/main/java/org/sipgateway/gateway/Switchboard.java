package org.sipgateway.gateway;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipgateway.media.MediaEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What dial-in and dial-out share: the settings, the media engine, the registry of live calls, the call limits
 * (one {@code sipgateway.max-calls} for both directions), one timer thread and one pool for call events.
 * {@link #close()} ends every call, waits (bounded) for them to finish, then stops the threads.
 */
public final class Switchboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Switchboard.class);
    private static final long END_WAIT_SECONDS = 10;

    private final GatewayContext ctx;
    private volatile boolean draining;

    public Switchboard(GatewayConfig config, MediaEngine media, CallRegistry registry, CallStatistics statistics) {
        this.ctx = new GatewayContext(config, media, registry, statistics,
                new CallLimits(config.maxCalls(), config.maxCallsPerRoom()),
                Executors.newSingleThreadScheduledExecutor(named("sipgw-call-timers")), eventPool());
    }

    GatewayContext context() {
        return ctx;
    }

    /**
     * Graceful shutdown: while draining, new calls are refused in both directions (dial-in with 503 and
     * Retry-After, dial-out with service-unavailable) and live calls go on until they end.
     */
    public void setDraining(boolean drain) {
        draining = drain;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Calls holding a place under {@code sipgateway.max-calls}, both directions. */
    public int activeCalls() {
        return ctx.limits().active();
    }

    @Override
    public void close() {
        ctx.registry().hangupAll("The gateway is stopping");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(END_WAIT_SECONDS);
        while (ctx.limits().active() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (ctx.limits().active() > 0) {
            LOG.warn("{} calls did not end within {} s of the stop", ctx.limits().active(), END_WAIT_SECONDS);
        }
        ctx.timers().shutdownNow();
        ctx.events().shutdown();
        try {
            ctx.events().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.events().shutdownNow();
    }

    /** Call events run here, one call at a time each; idle threads leave after 5 s, so a quiet gateway holds none. */
    private static ExecutorService eventPool() {
        final ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named("sipgw-call-events"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Threads are made lazily, often from a thread that is not ours (Openfire's c2s thread hands us a dial): they get
     * the class loader the switchboard was built under, so libraries' service lookups (Smack's XML parser) see the
     * plugin's classes, and the threads are known to be the plugin's.
     */
    private static ThreadFactory named(String prefix) {
        final AtomicInteger n = new AtomicInteger();
        final ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return r -> {
            final Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        };
    }
}
