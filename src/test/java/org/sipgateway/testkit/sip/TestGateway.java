package org.sipgateway.testkit.sip;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.SipService;
import org.sipgateway.sip.SipServiceException;
import org.sipgateway.sip.call.IncomingCall;
import org.sipgateway.sip.sdp.LocalMedia;

/**
 * A started {@link SipService} on a free loopback port, with a queue of incoming calls and a leak
 * check on close (threads back to baseline, SIP port free).
 * <pre>
 * try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1"))) {
 *     gw.onIncoming(c -> { c.ringing(); c.answer(gw.media()); });
 * }
 * </pre>
 */
public final class TestGateway implements AutoCloseable {

    private final SipService service;
    private final int port;
    private final StackLeakCheck leaks;
    private final LocalMedia media;
    private final BlockingQueue<IncomingCall> incoming = new LinkedBlockingQueue<>();
    private volatile Consumer<IncomingCall> handler;

    private TestGateway(SipService service, int port, StackLeakCheck leaks, LocalMedia media) {
        this.service = service;
        this.port = port;
        this.leaks = leaks;
        this.media = media;
    }

    /** Fills address and a free port into the builder, starts the service. */
    public static TestGateway start(SipConfig.Builder config) {
        StackLeakCheck leaks = StackLeakCheck.begin();
        int port = FreePorts.udpAndTcp();
        SipService s = new SipService(config.address("127.0.0.1").port(port).tlsPort(FreePorts.udpAndTcp()).build());
        LocalMedia media = new LocalMedia("127.0.0.1", FreePorts.udpRange(2));
        TestGateway gw = new TestGateway(s, port, leaks, media);
        s.setIncomingCallListener(call -> {
            gw.incoming.add(call);
            Consumer<IncomingCall> h = gw.handler;
            if (h != null) {
                h.accept(call);
            }
        });
        try {
            s.start();
        } catch (SipServiceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return gw;
    }

    public SipService service() {
        return service;
    }

    public int port() {
        return port;
    }

    /** A local RTP address/port for SDP (nothing listens: signalling tests only). */
    public LocalMedia media() {
        return media;
    }

    /** What to do with each incoming call (runs on the call's executor). */
    public void onIncoming(Consumer<IncomingCall> h) {
        handler = h;
    }

    /** Answers every incoming call (after 180 when {@code ring}); events of the calls go to the returned recorder. */
    public CallEvents answerAll(boolean ring) {
        CallEvents events = new CallEvents();
        onIncoming(c -> {
            c.call().setListener(events);
            if (ring) {
                c.ringing();
            }
            c.answer(media);
        });
        return events;
    }

    /** Next incoming call, bounded wait. */
    public IncomingCall nextIncoming(Duration timeout) {
        try {
            IncomingCall c = incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (c == null) {
                throw new AssertionError("no incoming call within " + timeout);
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public int incomingCount() {
        return incoming.size();
    }

    /** Stops the service and asserts no thread or port was left behind. */
    @Override
    public void close() {
        service.stop();
        leaks.assertNoLeak(port);
    }
}
