package org.sipgateway.callcontrol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipgateway.callcontrol.CallControlComponent;
import org.sipgateway.callcontrol.RayoRequests;
import org.sipgateway.testkit.TestClock;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** The link against a scripted component port: the exact bytes each way, failures and their reasons. */
class ComponentLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DOMAIN = "callcontrol.example.com";
    private static final String NOT_AUTHORIZED = "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Given token does not match calculated token</text>"
            + "</stream:error></stream:stream>";

    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final StateLog states = new StateLog();
    private ScriptedServer server;
    private ComponentLink link;

    @BeforeEach
    void open() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void closeAll() throws Exception {
        if (link != null) {
            link.close();
        }
        server.close();
        assertNoLinkThread();
    }

    private LinkConfig config() {
        return LinkConfig.of("127.0.0.1", server.port(), DOMAIN, "test")
                .withBackoff(Duration.ofMillis(200), Duration.ofMillis(800));
    }

    private ComponentLink start(LinkConfig config, Component component) throws ComponentException {
        link = new ComponentLink(config, component, clock, () -> 0.0, states);
        link.start();
        return link;
    }

    @Test
    void handshakeCarriesTheDigestAndTheComponentAnswersOverTheLink() throws Exception {
        start(config(), new CallControlComponent(new RayoRequests(() -> null)));
        final ScriptedServer.Connection c = server.accept(WAIT);
        final String header = c.readUntil("'>", WAIT);
        assertTrue(header.contains("xmlns='jabber:component:accept'") && header.contains("to='" + DOMAIN + "'"), header);
        c.write(ScriptedServer.HEADER);
        // XEP-0114 section 3: the example stream id with secret "test"
        assertEquals("<handshake>aaee83c26aeeafcbabeabfcbcd50df997e0a2a1e</handshake>", c.readUntil("</handshake>", WAIT));
        assertEquals(LinkState.Status.CONNECTING, link.state().status(), "not connected before the server accepts");
        c.write("<handshake/>");
        states.await(LinkState.Status.CONNECTED, WAIT);

        c.write("<iq type='get' id='disco1' from='alice@example.com/web' to='" + DOMAIN + "'>"
                + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        final String answer = c.readUntil("</iq>", WAIT);
        assertTrue(answer.contains("type=\"result\"") && answer.contains("id=\"disco1\""), answer);
        assertTrue(answer.contains("to=\"alice@example.com/web\"") && answer.contains("from=\"" + DOMAIN + "\""), answer);
        assertTrue(answer.contains("category=\"gateway\"") && answer.contains("urn:xmpp:rayo:1"), answer);

        c.write("<iq type='set' id='dial1' from='alice@example.com/web' to='" + DOMAIN + "'>"
                + "<dial xmlns='urn:xmpp:rayo:1' to='+4930123456'/></iq>");
        final String refused = c.readUntil("</iq>", WAIT);
        assertTrue(refused.contains("type=\"error\"") && refused.contains("id=\"dial1\""), "an answer, not silence: "
                + refused);
    }

    @Test
    void wrongSecretIsReportedAsNotAuthorizedAndRetriedWithGrowingDelays() throws Exception {
        start(config().withSecret("wrong"), new RecordingComponent());
        final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            final ScriptedServer.Connection c = server.accept(WAIT);
            acceptedAt.add(System.nanoTime());
            c.readUntil("'>", WAIT);
            c.write(ScriptedServer.HEADER);
            c.readUntil("</handshake>", WAIT);
            c.write(NOT_AUTHORIZED);
            c.close();
        }
        final LinkState failing = states.await(0, s -> s.status() == LinkState.Status.FAILING && s.failures() == 4, WAIT,
                "the fourth failure");
        assertTrue(failing.reason().contains("not-authorized") && failing.reason().contains("Given token")
                && failing.reason().contains("shared secret"), failing.reason());
        final List<Instant> nextAttempts = states.all().stream().filter(s -> s.status() == LinkState.Status.FAILING)
                .map(LinkState::nextAttempt).toList();
        final Instant t = clock.instant();
        // the clock stands still, so each next attempt is exactly now + the backoff: 200, 400, 800 ms, then capped
        assertEquals(List.of(t.plusMillis(200), t.plusMillis(400), t.plusMillis(800), t.plusMillis(800)), nextAttempts);
        for (int i = 1; i < acceptedAt.size(); i++) {
            final long gapMillis = (acceptedAt.get(i) - acceptedAt.get(i - 1)) / 1_000_000;
            final long planned = Math.min(800, 200L << (i - 1));
            assertTrue(gapMillis >= planned - 20, "attempt " + (i + 1) + " came after " + gapMillis + " ms, planned "
                    + planned + " ms: no tight loop");
        }
    }

    @Test
    void conflictIsReportedAndAGoodConnectionResetsTheBackoff() throws Exception {
        start(config(), new RecordingComponent());
        ScriptedServer.Connection c = server.accept(WAIT);
        c.readUntil("'>", WAIT);
        c.write(ScriptedServer.HEADER + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "</stream:error></stream:stream>");
        c.close();
        final LinkState conflict = states.await(LinkState.Status.FAILING, WAIT);
        assertTrue(conflict.reason().contains("conflict") && conflict.reason().contains("another component"),
                conflict.reason());
        server.acceptAndAuthenticate(WAIT).close(); // accepted, then the server goes away
        final int afterGood = states.size();
        states.await(LinkState.Status.CONNECTED, WAIT);
        final LinkState lost = states.await(afterGood, s -> s.status() == LinkState.Status.FAILING, WAIT, "the drop");
        assertEquals(1, lost.failures(), "the count starts again after a good connection");
        assertEquals(clock.instant().plusMillis(200), lost.nextAttempt());
        assertTrue(lost.reason().contains("closed"), lost.reason());
        states.await(afterGood, s -> s.status() == LinkState.Status.CONNECTING, WAIT, "the next attempt");
    }

    @Test
    void aSilentServerIsPingedThenGivenUp() throws Exception {
        start(config().withKeepalive(Duration.ofMillis(300)), new RecordingComponent());
        final ScriptedServer.Connection c = server.acceptAndAuthenticate(WAIT);
        states.await(LinkState.Status.CONNECTED, WAIT);
        final String ping = c.readUntil("</iq>", WAIT);
        assertTrue(ping.contains("urn:xmpp:ping") && ping.contains("to='example.com'") && ping.contains("from='" + DOMAIN + "'"),
                ping);
        final LinkState dead = states.await(LinkState.Status.FAILING, WAIT);
        assertTrue(dead.reason().contains("nothing heard from 127.0.0.1:" + server.port()), dead.reason());
        assertTrue(c.closedByPeer(WAIT), "the link closed the dead connection");
    }

    @Test
    void aServerThatAnswersPingsStaysConnectedAndKeepalivesFlow() throws Exception {
        start(config().withKeepalive(Duration.ofMillis(200)), new RecordingComponent());
        final ScriptedServer.Connection c = server.acceptAndAuthenticate(WAIT);
        states.await(LinkState.Status.CONNECTED, WAIT);
        for (int i = 0; i < 5; i++) {
            final String ping = c.readUntil("</iq>", WAIT);
            final String id = ping.replaceAll("(?s).*id='([^']+)'.*", "$1");
            c.write("<iq type='result' id='" + id + "' from='example.com' to='" + DOMAIN + "'/>");
        }
        assertEquals(LinkState.Status.CONNECTED, link.state().status(), "answered pings keep the link up: " + states.all());
        assertEquals(1, states.statuses().stream().filter(s -> s == LinkState.Status.CONNECTED).count());
    }

    @Test
    void stanzasReachTheComponentAndQueriesGetTheirAnswers() throws Exception {
        final RecordingComponent component = new RecordingComponent();
        start(config(), component);
        final ScriptedServer.Connection c = server.acceptAndAuthenticate(WAIT);
        states.await(LinkState.Status.CONNECTED, WAIT);
        assertEquals(1, component.started.get(), "start() after the first accepted handshake");
        c.write("<presence from='alice@example.com/web' to='" + DOMAIN + "'/>"
                + "<message from='alice@example.com/web' to='" + DOMAIN + "'><body>hi</body></message>");
        component.await(2);
        assertEquals("presence", component.received.get(0).getElement().getName());
        assertEquals("hi", component.received.get(1).getElement().elementText("body"));

        final IQ question = new IQ(IQ.Type.get, "q1");
        question.setFrom(DOMAIN);
        question.setTo("example.com");
        question.setChildElement("query", "jabber:iq:version");
        final Thread answerer = new Thread(() -> {
            try {
                c.readUntil("</iq>", WAIT);
                c.write("<iq type='result' id='q1' from='example.com' to='" + DOMAIN + "'>"
                        + "<query xmlns='jabber:iq:version'><name>prosody</name></query></iq>");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        answerer.start();
        final IQ answer = component.manager.query(component, question, WAIT.toMillis());
        answerer.join(WAIT.toMillis());
        assertNotNull(answer);
        assertEquals("prosody", answer.getChildElement().elementText("name"));
        assertEquals(2, component.received.size(), "the answer went to the query, not to processPacket");
        assertEquals("example.com", component.manager.getServerName());
        assertTrue(component.manager.isExternalMode());
    }

    @Test
    void sendingWhileDisconnectedFailsWithTheReason() throws Exception {
        final RecordingComponent component = new RecordingComponent();
        start(config(), component);
        final ScriptedServer.Connection c = server.accept(WAIT);
        c.close();
        states.await(LinkState.Status.FAILING, WAIT);
        final IQ iq = new IQ(IQ.Type.result, "x");
        iq.setFrom(DOMAIN);
        iq.setTo("alice@example.com");
        final ComponentException e = assertThrows(ComponentException.class, () -> component.manager.sendPacket(component, iq));
        assertTrue(e.getMessage().contains("not connected") && e.getMessage().contains(DOMAIN + " via 127.0.0.1"),
                e.getMessage());
    }

    @Test
    void closeSendsTheClosingTagStopsTheThreadAndShutsTheComponentDown() throws Exception {
        final RecordingComponent component = new RecordingComponent();
        start(config(), component);
        final ScriptedServer.Connection c = server.acceptAndAuthenticate(WAIT);
        states.await(LinkState.Status.CONNECTED, WAIT);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(ComponentLink.THREAD_PREFIX + "-" + DOMAIN)), "the named link thread");
        link.close();
        assertTrue(c.readUntil("</stream:stream>", WAIT).endsWith("</stream:stream>"));
        assertTrue(c.closedByPeer(WAIT));
        assertEquals(LinkState.Status.STOPPED, link.state().status());
        assertEquals(1, component.shutdown.get());
        assertNoLinkThread();
    }

    @Test
    void closeWhileWaitingToRetryReturnsAtOnce() throws Exception {
        final LinkConfig slow = config().withBackoff(Duration.ofSeconds(60), Duration.ofSeconds(60));
        start(slow, new RecordingComponent());
        server.accept(WAIT).close();
        states.await(LinkState.Status.FAILING, WAIT);
        final long before = System.nanoTime();
        link.close();
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(3).toNanos(), "close does not sit out the backoff");
        assertNoLinkThread();
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeTimesOut() throws Exception {
        final LinkConfig impatient = new LinkConfig("127.0.0.1", server.port(), DOMAIN, "test", Duration.ofMillis(200),
                Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofMillis(800), 65536, 32);
        start(impatient, new RecordingComponent());
        server.accept(WAIT).readUntil("'>", WAIT);
        final LinkState failing = states.await(LinkState.Status.FAILING, WAIT);
        assertTrue(failing.reason().contains("no handshake answer"), failing.reason());
    }

    @Test
    void anOversizeStanzaEndsTheConnectionWithPolicyViolation() throws Exception {
        final RecordingComponent component = new RecordingComponent();
        start(config().withLimits(8192, 32), component);
        final ScriptedServer.Connection c = server.acceptAndAuthenticate(WAIT);
        states.await(LinkState.Status.CONNECTED, WAIT);
        c.write("<message from='a@example.com' to='" + DOMAIN + "'><body>" + "x".repeat(50_000) + "</body></message>");
        final LinkState failing = states.await(LinkState.Status.FAILING, WAIT);
        assertTrue(failing.reason().contains("larger than 8192 bytes"), failing.reason());
        assertTrue(c.readUntil("</stream:stream>", WAIT).contains("<policy-violation"), c.received());
        assertEquals(List.of(), component.received);
    }

    private static void assertNoLinkThread() throws InterruptedException {
        final long end = System.nanoTime() + WAIT.toNanos();
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.startsWith(ComponentLink.THREAD_PREFIX)).toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < end);
        assertFalse(true, "link threads left: " + left);
    }

    /** A component that records what it is given. */
    private static final class RecordingComponent implements Component {
        final List<Packet> received = new CopyOnWriteArrayList<>();
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger shutdown = new AtomicInteger();
        ComponentManager manager;

        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public String getDescription() {
            return "records packets";
        }

        @Override
        public void processPacket(Packet packet) {
            synchronized (this) {
                received.add(packet);
                notifyAll();
            }
        }

        synchronized void await(int count) throws InterruptedException {
            final long end = System.nanoTime() + WAIT.toNanos();
            while (received.size() < count && System.nanoTime() < end) {
                wait(50);
            }
            assertEquals(count, received.size(), received.toString());
        }

        @Override
        public void initialize(JID jid, ComponentManager m) {
            assertEquals(DOMAIN, jid.toString());
            manager = m;
        }

        @Override
        public void start() {
            started.incrementAndGet();
        }

        @Override
        public void shutdown() {
            shutdown.incrementAndGet();
        }
    }
}
