package org.sipgateway.callcontrol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipgateway.callcontrol.CallControlComponent;
import org.sipgateway.callcontrol.RayoRequests;
import org.sipgateway.testkit.prosody.ProsodyFixture;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** The call-control component as an external component of a real prosody, seen by a real client on prosody. */
class ComponentLinkProsodyIT {
    private static final String DOMAIN = "meet.test";
    private static final String COMPONENT = "callcontrol." + DOMAIN;
    private static final String SECRET = "link-secret-1";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ProsodyFixture prosody;

    @BeforeAll
    static void startProsody() throws Exception {
        prosody = ProsodyFixture.start("component-link", DOMAIN, Map.of(), Map.of(COMPONENT, SECRET));
    }

    @AfterAll
    static void stopProsody() {
        if (prosody != null) {
            prosody.close();
        }
    }

    private static LinkConfig config(String secret) {
        return LinkConfig.of("127.0.0.1", prosody.componentPort(), COMPONENT, secret)
                .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(4));
    }

    private static ComponentLink link(LinkConfig config, StateLog states) {
        return new ComponentLink(config, new CallControlComponent(new RayoRequests(() -> null)), Clock.systemUTC(),
                () -> 0.5, states);
    }

    @Test
    void aClientOnProsodyDiscoversTheGatewayAndADialGetsAnErrorNotSilence() throws Exception {
        final StateLog states = new StateLog();
        try (ComponentLink link = link(config(SECRET), states)) {
            link.start();
            states.await(LinkState.Status.CONNECTED, WAIT);
            try (TestXmppClient client = TestXmppClient.anonymous(DOMAIN, prosody.port())) {
                assertAnswersAsGateway(client);
                final IQ dial = TestXmppClient.rawIq(COMPONENT, IQ.Type.set, "dial", "urn:xmpp:rayo:1",
                        "<header name='JvbRoomName' value='room1@conference.meet.test'/>");
                final XMPPErrorException refused = assertThrows(XMPPErrorException.class, () -> client.request(dial),
                        "the dial gets an XMPP error answer, not a timeout");
                assertTrue(refused.getStanzaError().getDescriptiveText() != null, refused.getMessage());
            }
        }
        assertThreadsGone();
    }

    @Test
    void prosodyRestartedTheLinkComesBackByItselfAndAnswersAgain() throws Exception {
        final StateLog states = new StateLog();
        try (ComponentLink link = link(config(SECRET), states);
                TestXmppClient before = TestXmppClient.anonymous(DOMAIN, prosody.port())) {
            link.start();
            states.await(LinkState.Status.CONNECTED, WAIT);
            assertAnswersAsGateway(before);
            final int mark = states.size();
            prosody.stop();
            final LinkState failing = states.await(mark, s -> s.status() == LinkState.Status.FAILING, WAIT,
                    "failing once prosody is gone");
            assertTrue(failing.nextAttempt() != null && !failing.reason().isEmpty(), failing.toString());
            prosody.launch();
            final int failed = states.size();
            states.await(mark, s -> s.status() == LinkState.Status.CONNECTED, WAIT, "connected again");
            assertEquals(LinkState.Status.CONNECTED, link.state().status());
            final List<LinkState.Status> path = states.statuses().subList(mark, states.size());
            assertTrue(path.indexOf(LinkState.Status.FAILING) < path.lastIndexOf(LinkState.Status.CONNECTED),
                    "failing, then connected: " + path + " (" + failed + ")");
            try (TestXmppClient after = TestXmppClient.anonymous(DOMAIN, prosody.port())) {
                assertAnswersAsGateway(after);
            }
        }
        assertThreadsGone();
    }

    @Test
    void aWrongSecretShowsNotAuthorizedAndRetriesWithBackoff() throws Exception {
        final StateLog states = new StateLog();
        try (ComponentLink link = link(config("not-the-secret"), states)) {
            final long started = System.nanoTime();
            link.start();
            final LinkState third = states.await(0, s -> s.status() == LinkState.Status.FAILING && s.failures() >= 3,
                    WAIT, "three failed attempts");
            final long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(third.reason().contains("not-authorized"), third.reason());
            assertEquals(LinkState.Status.FAILING, link.state().status());
            // jitter fixed at 0.5 (10 % off): 450 + 900 ms of backoff lie between the three attempts
            assertTrue(elapsedMillis >= 1300, "three attempts took only " + elapsedMillis + " ms: a tight loop");
            final List<LinkState> failures = states.all().stream()
                    .filter(s -> s.status() == LinkState.Status.FAILING).toList();
            final List<Long> planned = new ArrayList<>();
            for (int i = 1; i < failures.size(); i++) {
                planned.add(Duration.between(failures.get(i - 1).since(), failures.get(i - 1).nextAttempt()).toMillis());
            }
            for (int i = 1; i < planned.size(); i++) {
                assertTrue(planned.get(i) >= planned.get(i - 1), "the delays grow: " + planned);
            }
        }
        assertThreadsGone();
    }

    @Test
    void aSecondLinkForTheSameNameIsToldConflict() throws Exception {
        final StateLog first = new StateLog();
        final StateLog second = new StateLog();
        try (ComponentLink holder = link(config(SECRET), first); ComponentLink intruder = link(config(SECRET), second)) {
            holder.start();
            first.await(LinkState.Status.CONNECTED, WAIT);
            intruder.start();
            final LinkState refused = second.await(LinkState.Status.FAILING, WAIT);
            assertTrue(refused.reason().contains("conflict"), refused.reason());
            assertEquals(LinkState.Status.CONNECTED, holder.state().status(), "prosody keeps the first (kick_new)");
        }
        assertThreadsGone();
    }

    @Test
    void closingTheLinkTakesTheComponentOffProsody() throws Exception {
        final StateLog states = new StateLog();
        try (TestXmppClient client = TestXmppClient.anonymous(DOMAIN, prosody.port())) {
            try (ComponentLink link = link(config(SECRET), states)) {
                link.start();
                states.await(LinkState.Status.CONNECTED, WAIT);
                assertAnswersAsGateway(client);
            }
            final XMPPErrorException gone = assertThrows(XMPPErrorException.class, () -> client.discoInfo(COMPONENT));
            // prosody 0.12 answers for a component that is not connected: remote-server-timeout "Component unavailable"
            assertTrue(List.of(StanzaError.Condition.service_unavailable, StanzaError.Condition.remote_server_timeout)
                    .contains(gone.getStanzaError().getCondition()), gone.getMessage());
        }
        assertThreadsGone();
    }

    private static void assertAnswersAsGateway(TestXmppClient client) throws Exception {
        final DiscoverInfo info = client.discoInfo(COMPONENT);
        assertTrue(info.hasIdentity("gateway", "sip"), info.toXML().toString());
        assertTrue(info.containsFeature("urn:xmpp:rayo:1"), info.toXML().toString());
        assertTrue(info.containsFeature("http://jitsi.org/protocol/jigasi"), info.toXML().toString());
    }

    private static void assertThreadsGone() throws InterruptedException {
        final long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(ComponentLink.THREAD_PREFIX))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("link threads left after close");
            }
            Thread.sleep(20);
        }
    }
}
