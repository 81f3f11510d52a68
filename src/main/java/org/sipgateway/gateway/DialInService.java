package org.sipgateway.gateway;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sipgateway.media.MediaEngine;
import org.sipgateway.sip.call.IncomingCall;
import org.sipgateway.sip.call.IncomingCallListener;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every inbound INVITE that passed SIP's checks: finds its room, admits it within the call
 * limits, and starts a {@link GatewaySession}. A call that cannot be served is rejected with a
 * status and a reason naming what is missing; with the keypad IVR on, a call that names no room
 * (or dials the IVR number) goes to the IVR instead. {@link #close()} ends every call and frees the pools.
 */
public final class DialInService implements IncomingCallListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DialInService.class);
    private static final Pattern REQUEST_URI_USER = Pattern.compile("^sips?:([^@;]+)@");

    private static final int DRAINING_RETRY_AFTER_SECONDS = 300;

    private final GatewayContext ctx;
    private final RoomResolver rooms;
    private volatile boolean accepting = true;
    private volatile IvrSetup ivr;

    public DialInService(GatewayConfig config, MediaEngine media, CallRegistry registry, CallStatistics statistics) {
        this.ctx = new GatewayContext(config, media, registry, statistics,
                new CallLimits(config.maxCalls(), config.maxCallsPerRoom()),
                Executors.newSingleThreadScheduledExecutor(named("sipgw-call-timers")), eventPool());
        this.rooms = new RoomResolver(config.rooms());
    }

    @Override
    public void onIncomingCall(IncomingCall call) {
        if (!accepting) {
            // RFC 3261 section 21.5.4: 503 sends the caller's proxy to another gateway
            call.rejectRetryAfter(503, "Gateway is shutting down: live calls finish, new calls go elsewhere",
                    DRAINING_RETRY_AFTER_SECONDS);
            return;
        }
        final IvrSetup keypad = ivr;
        final String requestUser = requestUriUser(call.requestUri());
        RoomTarget room = null; // none: the keypad IVR asks for the PIN
        if (keypad == null || !keypad.config().isIvrNumber(requestUser)) {
            try {
                room = rooms.resolve(call::header, requestUser);
            } catch (NoRoomException e) {
                if (keypad == null || e.sipStatus() != 404) {
                    LOG.info("Refused INVITE from {}: {} {}", call.source(), e.sipStatus(), e.getMessage());
                    call.reject(e.sipStatus(), e.getMessage());
                    return;
                }
            }
        }
        final NegotiatedMedia media = call.offeredMedia().orElse(null);
        if (media == null) {
            // RFC 3261 section 13.2.1 allows it, but the bridge offer must meet a known SIP codec first
            call.reject(488, "INVITE without an SDP offer is not supported for conference calls");
            return;
        }
        final CallLimits.Result admission = room == null ? ctx.limits().tryAcquireWithoutRoom()
                : ctx.limits().tryAcquire(room.roomJid());
        if (admission.refusal().isPresent()) {
            final CallLimits.Refusal refusal = admission.refusal().get();
            LOG.info("Refused INVITE from {} for {}: {} {}", call.source(), room == null ? "the keypad IVR"
                    : room.roomJid(), refusal.sipStatus(), refusal.reason());
            call.reject(refusal.sipStatus(), refusal.reason());
            return;
        }
        final CallLimits.Permit permit = admission.permit().orElseThrow();
        (room == null ? new GatewaySession(ctx, call, media, keypad, permit)
                : new GatewaySession(ctx, call, media, room, permit)).start();
    }

    /** Calls without a room (and calls to the IVR number) go to the keypad IVR from now on; null: they get 404. */
    public void useIvr(IvrSetup setup) {
        ivr = setup;
    }

    /** New calls get 503 from now on; live calls go on (graceful shutdown). */
    public void stopAccepting() {
        accepting = false;
    }

    /** New calls are welcome again. */
    public void startAccepting() {
        accepting = true;
    }

    /** True while new calls are refused (graceful shutdown). */
    public boolean isDraining() {
        return !accepting;
    }

    public int activeCalls() {
        return ctx.limits().active();
    }

    static String requestUriUser(String requestUri) {
        final Matcher m = REQUEST_URI_USER.matcher(requestUri == null ? "" : requestUri);
        return m.find() ? m.group(1) : null;
    }

    /** Hangs up every call, waits (bounded) for them to end, then stops the pools. */
    @Override
    public void close() {
        accepting = false;
        ctx.registry().hangupAll("The gateway is stopping");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ctx.limits().active() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (ctx.limits().active() > 0) {
            LOG.warn("{} calls did not end within 10 s of the stop", ctx.limits().active());
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

    private static ThreadFactory named(String prefix) {
        final AtomicInteger n = new AtomicInteger();
        return r -> {
            final Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
