package org.sipgateway.sip;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.sipgateway.sip.auth.DigestServer;
import org.sipgateway.sip.auth.FailedAuthLimiter;
import org.sipgateway.sip.auth.InboundPolicy;
import org.sipgateway.sip.call.CallRegistry;
import org.sipgateway.sip.call.DialTarget;
import org.sipgateway.sip.call.Dialer;
import org.sipgateway.sip.call.DialogRequests;
import org.sipgateway.sip.call.InboundInvites;
import org.sipgateway.sip.call.IncomingCallListener;
import org.sipgateway.sip.call.SipCall;
import org.sipgateway.sip.call.SipCallListener;
import org.sipgateway.sip.registration.RegistrationClient;
import org.sipgateway.sip.registration.RegistrationListener;
import org.sipgateway.sip.sdp.LocalMedia;
import org.sipgateway.sip.sdp.SdpNegotiator;
import org.sipgateway.sip.stack.NamedThreads;
import org.sipgateway.sip.stack.SipContext;
import org.sipgateway.sip.stack.StackProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP side of the gateway: one jain-sip stack listening on the configured address/port and
 * transports, inbound calls to an {@link IncomingCallListener}, outbound calls by {@link #dial},
 * and one {@link RegistrationClient} per account. {@link #stop()} releases every thread and socket.
 */
public final class SipService {

    private static final Logger LOG = LoggerFactory.getLogger(SipService.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SipConfig config;
    private final String name = "sipgw" + INSTANCES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    private final CallRegistry calls = new CallRegistry();
    private final List<RegistrationClient> registrations = new ArrayList<>();
    private volatile IncomingCallListener incomingListener;
    private volatile RegistrationListener registrationListener;
    private SipStack stack;
    private SipProvider provider;
    private SipContext ctx;
    private Dialer dialer;
    private SipEventRouter router;
    private final List<Thread> eventThreads = new ArrayList<>();

    public SipService(SipConfig config) {
        this.config = config;
    }

    /** Who receives inbound calls; without one, INVITEs get 480. */
    public void setIncomingCallListener(IncomingCallListener l) {
        incomingListener = l;
    }

    /** Optional: hears registration state changes (set before start). */
    public void setRegistrationListener(RegistrationListener l) {
        registrationListener = l;
    }

    /** Opens the listening points and starts registering; throws with the address/port when a bind fails. */
    public synchronized void start() throws SipServiceException {
        if (stack != null) {
            throw new IllegalStateException("SIP service " + name + " already started");
        }
        if (config.minSessionExpiresSeconds() < 90) {
            LOG.warn("sipgateway.sip.min-se={} is below RFC 4028's 90 s; only for tests", config.minSessionExpiresSeconds());
        }
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, new NamedThreads(name + "-timer"));
        timers.setRemoveOnCancelPolicy(true);
        ExecutorService events = new ThreadPoolExecutor(0, 16, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedThreads(name + "-events"));
        ((ThreadPoolExecutor) events).setCorePoolSize(4);
        ((ThreadPoolExecutor) events).allowCoreThreadTimeOut(true);
        try {
            SipFactory factory = SipFactory.getInstance(); // for the stateless header/address/message factories
            Map<Transport, ListeningPoint> points = new EnumMap<>(Transport.class);
            synchronized (SipService.class) { // so the event thread found below is this stack's own
                Set<Thread> before = Thread.getAllStackTraces().keySet();
                factory.setPathName("gov.nist");
                try {
                    // built directly: SipFactory.createSipStack would keep every stopped stack in its cache
                    stack = new gov.nist.javax.sip.SipStackImpl(StackProperties.of(config, name));
                    listen(points);
                } finally {
                    for (Thread t : Thread.getAllStackTraces().keySet()) {
                        if (!before.contains(t) && t.getName().startsWith("EventScanner")) {
                            eventThreads.add(t);
                        }
                    }
                }
            }
            FailedAuthLimiter limiter = new FailedAuthLimiter(config.authFailureLimit(), 60_000, Clock.systemUTC());
            DigestServer digest = config.hasInboundCredential() ? new DigestServer(config.realm(),
                    config.inboundUsername(), config.inboundPassword(), Clock.systemUTC(),
                    config.inboundDigestAlgorithms()) : null;
            ctx = new SipContext(config, provider, Map.copyOf(points), factory.createAddressFactory(),
                    factory.createHeaderFactory(), factory.createMessageFactory(), timers, events,
                    new InboundPolicy(config.trustedPeers(), digest, limiter), new SdpNegotiator(config.codecs()), name);
            router = new SipEventRouter(ctx, new InboundInvites(ctx, calls, () -> incomingListener),
                    new DialogRequests(ctx, calls));
            provider.addSipListener(router);
            dialer = new Dialer(ctx, calls);
            LOG.info("SIP service {} listening on {} {} {}", name, config.address(), config.port(), config.transports());
            for (SipAccount a : config.accounts()) {
                if (a.register()) {
                    RegistrationClient rc = new RegistrationClient(ctx, a, registrationListener);
                    registrations.add(rc);
                    rc.start();
                }
            }
        } catch (SipServiceException e) {
            shutdown(timers, events);
            throw e;
        } catch (Exception e) {
            shutdown(timers, events);
            throw new SipServiceException("SIP stack " + name + " failed to start: " + e.getMessage(), e);
        }
    }

    private void listen(Map<Transport, ListeningPoint> points) throws SipServiceException {
        for (Transport t : config.transports()) {
            try {
                ListeningPoint lp = stack.createListeningPoint(config.address(), config.portFor(t), t.token());
                points.put(t, lp);
                if (provider == null) {
                    provider = stack.createSipProvider(lp);
                } else {
                    provider.addListeningPoint(lp);
                }
            } catch (Exception e) {
                throw new SipServiceException("cannot listen on " + t.token() + " " + config.address() + ":"
                        + config.portFor(t) + " (sipgateway.sip.address/port): " + e.getMessage(), e);
            }
        }
    }

    /** Places an outbound call; see {@link Dialer#dial}. */
    public SipCall dial(String target, Map<String, String> extraHeaders, LocalMedia local, SipCallListener listener) {
        return dial(target, extraHeaders, local, listener, null);
    }

    /** Places an outbound call through {@code outboundProxy} (null or empty: the configured one). */
    public SipCall dial(String target, Map<String, String> extraHeaders, LocalMedia local, SipCallListener listener,
            String outboundProxy) {
        Dialer d = dialer;
        if (d == null) {
            throw new IllegalStateException("SIP service " + name + " is not started");
        }
        return d.dial(target, extraHeaders, local, listener, outboundProxy);
    }

    /** Places a dial-out to a target parsed once ({@link DialTarget}); see {@link Dialer#dial(DialTarget, Map, LocalMedia, SipCallListener, String)}. */
    public SipCall dial(DialTarget target, Map<String, String> extraHeaders, LocalMedia local, SipCallListener listener,
            String outboundProxy) {
        Dialer d = dialer;
        if (d == null) {
            throw new IllegalStateException("SIP service " + name + " is not started");
        }
        return d.dial(target, extraHeaders, local, listener, outboundProxy);
    }

    /** Where our RTP is for SDP: the advertised (public) address with the media engine's port. */
    public LocalMedia localMedia(int rtpPort) {
        return new LocalMedia(config.advertisedAddress(), rtpPort);
    }

    public List<RegistrationClient> registrations() {
        return List.copyOf(registrations);
    }

    /** Calls in progress (inbound waiting for an answer, ringing or established). */
    public List<SipCall> calls() {
        return calls.all();
    }

    public String name() {
        return name;
    }

    public SipConfig config() {
        return config;
    }

    /** Hangs up calls, un-REGISTERs (bounded wait), closes sockets and ends every thread of the stack. */
    public synchronized void stop() {
        if (stack == null) {
            return;
        }
        calls.hangupAll("gateway shutting down");
        for (RegistrationClient rc : registrations) {
            rc.stop(2000);
        }
        registrations.clear();
        waitForCalls(2000);
        shutdown((ScheduledThreadPoolExecutor) ctx.timers(), ctx.events());
        LOG.info("SIP service {} stopped", name);
    }

    private interface Step {
        void run() throws Exception;
    }

    private void quietly(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.debug("SIP stack {}: {} failed at stop: {}", name, what, e.toString());
        }
    }

    private void waitForCalls(long ms) {
        long end = System.currentTimeMillis() + ms;
        while (calls.size() > 0 && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void shutdown(ScheduledThreadPoolExecutor timers, ExecutorService events) {
        timers.shutdownNow();
        events.shutdown();
        if (stack != null) {
            // each step on its own: one failure (e.g. a busy TCP listening point) must not keep stop() from the rest
            ListeningPoint[] points = provider == null ? new ListeningPoint[0] : provider.getListeningPoints();
            quietly("remove listener", () -> provider.removeSipListener(router));
            for (ListeningPoint lp : points) {
                quietly("remove " + lp.getTransport(), () -> provider.removeListeningPoint(lp));
            }
            quietly("delete provider", () -> stack.deleteSipProvider(provider));
            for (ListeningPoint lp : points) {
                quietly("delete " + lp.getTransport(), () -> stack.deleteListeningPoint(lp));
            }
            stack.stop();
            // jain-sip's stop() flags its event thread but leaves it blocked in take(): wake it to exit
            eventThreads.forEach(Thread::interrupt);
            eventThreads.clear();
            stack = null;
            provider = null;
            dialer = null;
        }
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
            timers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
