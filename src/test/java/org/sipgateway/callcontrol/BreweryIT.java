package org.sipgateway.callcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.jxmpp.jid.EntityFullJid;
import org.sipgateway.testkit.jitsi.ColibriStats;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.RayoClient;
import org.sipgateway.testkit.jitsi.RoomObserver;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * The plugin as a member of a Jigasi brewery, with a real XMPP client in Jicofo's place: it owns the brewery room,
 * reads the gateway's colibri stats from its presence and forwards a dial to the gateway's occupant JID, as Jicofo's
 * JigasiIqHandler does; a dial from anyone outside the brewery room is refused.
 */
class BreweryIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BREWERY = "jigasibrewery@conference.localhost";
    private static OpenfireFixture openfire;
    private static FocusPeer jicofo;

    @BeforeAll
    static void startOpenfireAndBrewery() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("brewery")
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.dialout.allowed", "sip:[a-z]+@127\\.0\\.0\\.1:[0-9]+")
                .property("sipgateway.brewery.region", "region-a")
                .property("sipgateway.brewery.username", "admin")
                .property("sipgateway.brewery.password", OpenfireFixture.options("x").adminPassword())
                .property("sipgateway.brewery.stats-interval-seconds", "2"));
        // Jicofo owns the brewery room; the gateway joins it once the setting names it
        jicofo = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword(), "jicofo"), BREWERY, FocusPeer.RoomSetup.OPEN);
        openfire.process().setProperty("sipgateway.brewery.room", BREWERY, WAIT);
    }

    @AfterAll
    static void stop() {
        if (jicofo != null) {
            jicofo.close();
        }
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void theGatewayReportsItsLoadAndTakesADialForwardedFromTheBreweryRoom(TestInfo info) throws Exception {
        final String member = awaitMember();
        final Map<String, String> idle = awaitStats(member, s -> "0".equals(s.get("participants")));
        assertEquals("true", idle.get("supports_sip"), idle.toString());
        assertEquals("false", idle.get("supports_transcription"), idle.toString());
        assertEquals("false", idle.get("graceful_shutdown"), idle.toString());
        assertEquals("region-a", idle.get("region"), idle.toString());
        assertEquals("0", idle.get("conferences"), idle.toString());
        assertTrue(idle.get("version").matches("[0-9]+\\.[0-9]+.*"), idle.toString());
        assertTrue(idle.containsKey("stress_level"), idle.toString());

        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "brewed@conference.localhost";
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start()) {
            // the focus forwards the client's dial from its own occupant JID in the brewery room
            final RayoClient.Outcome dial = RayoClient.dial(jicofo.observer().client(), BREWERY + "/" + member,
                    "sip:callee@127.0.0.1:" + callee.port(), room, null);
            assertTrue(dial.ok(), "the forwarded dial gets the ref: " + dial);
            final String nick = focus.awaitGateway();
            assertEquals(room + "/" + nick, dial.refJid());
            final Map<String, String> busy = awaitStats(member, s -> "1".equals(s.get("participants")));
            assertEquals("1", busy.get("conferences"), busy.toString());

            // the client hangs up straight to the ref, as lib-jitsi-meet does
            assertTrue(RayoClient.hangup(focus.observer().client(), dial.refJid()).ok());
            assertTrue(ExternalProcess.waitFor(WAIT, () -> focus.observer().muc().getOccupants().stream()
                    .noneMatch(o -> o.getResourceOrEmpty().toString().equals(nick))), "the participant left");
            awaitStats(member, s -> "0".equals(s.get("participants")));
            assertEquals(0, callee.await(WAIT).exitCode(), "the ringing phone got CANCEL");
        }
    }

    @Test
    void aDialFromOutsideTheBreweryRoomIsRefused() throws Exception {
        final String member = awaitMember();
        final String realJid = jicofo.realJidOf(member).toString();
        try (TestXmppClient stranger = TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword(), "stranger")) {
            final RayoClient.Outcome dial = RayoClient.dial(stranger, realJid, "sip:callee@127.0.0.1:5999",
                    "brewed@conference.localhost", null);
            assertEquals(StanzaError.Condition.forbidden, dial.condition(), dial.toString());
            assertTrue(dial.text().contains("only the focus in the brewery room"), dial.text());
            assertTrue(ExternalProcess.waitFor(WAIT, () -> openfire.process().logTail()
                    .contains("from admin@localhost/stranger refused: not the brewery room's focus")),
                    "the refusal and its reason are logged");
        }
    }

    /**
     * Being in the brewery room is not enough: another occupant (another gateway, a Jibri, anyone who got in) that
     * forwards a dial from its occupant JID, as Jicofo does, is refused; only the occupant whose real JID is the focus's
     * may. Nothing joins the conference room, nothing is dialled.
     */
    @Test
    void anOccupantOfTheBreweryRoomThatIsNotTheFocusIsRefused(TestInfo info) throws Exception {
        final String member = awaitMember();
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "notbrewed@conference.localhost";
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                RoomObserver mallory = RoomObserver.join(TestXmppClient.anonymous(openfire.domain(),
                        openfire.options().xmppPort()), BREWERY, "mallory", null);
                Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start()) {
            final RayoClient.Outcome dial = RayoClient.dial(mallory.client(), BREWERY + "/" + member,
                    "sip:callee@127.0.0.1:" + callee.port(), room, null);
            assertEquals(StanzaError.Condition.forbidden, dial.condition(), dial.toString());
            assertTrue(dial.text().contains("only the focus in the brewery room " + BREWERY + " ("
                    + openfire.focusJid() + ")"), dial.text());
            assertTrue(ExternalProcess.waitFor(WAIT, () -> openfire.process().logTail()
                    .contains("from " + BREWERY + "/mallory refused: not the brewery room's focus")),
                    "the refusal and its reason are logged");
            assertEquals(1, focus.muc().getOccupantsCount(), "no gateway participant joined the conference room");
            assertTrue(!callee.messagesSoFar().contains("INVITE"), "nothing was dialled: " + callee.messagesSoFar());
        }
    }

    @Test
    void gracefulShutdownIsReportedAndRefusesForwardedDials() throws Exception {
        final String member = awaitMember();
        openfire.process().setProperty("sipgateway.graceful-shutdown", "true", WAIT);
        try {
            awaitStats(member, s -> "true".equals(s.get("graceful_shutdown")));
            final RayoClient.Outcome dial = RayoClient.dial(jicofo.observer().client(), BREWERY + "/" + member,
                    "sip:callee@127.0.0.1:5999", "brewed@conference.localhost", null);
            assertEquals(StanzaError.Condition.service_unavailable, dial.condition(), dial.toString());
            assertTrue(dial.text().contains("shutting down"), dial.text());
            assertTrue(ExternalProcess.waitFor(WAIT, () -> openfire.process().logTail()
                    .contains("refused: the gateway is shutting down")), "the refusal and its reason are logged");
        } finally {
            openfire.process().setProperty("sipgateway.graceful-shutdown", "false", WAIT);
        }
        awaitStats(member, s -> "false".equals(s.get("graceful_shutdown")));
    }

    /** The nick of the brewery occupant whose presence carries colibri stats. */
    private static String awaitMember() throws InterruptedException {
        final MultiUserChat muc = jicofo.observer().muc();
        final long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (EntityFullJid occupant : muc.getOccupants()) {
                final Presence p = muc.getOccupantPresence(occupant);
                if (ColibriStats.present(p)) {
                    return occupant.getResourceOrEmpty().toString();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no brewery member with colibri stats joined " + BREWERY + " within " + WAIT);
    }

    private static Map<String, String> awaitStats(String member, java.util.function.Predicate<Map<String, String>> wanted)
            throws Exception {
        final long end = System.nanoTime() + WAIT.toNanos();
        Map<String, String> last = Map.of();
        while (System.nanoTime() < end) {
            final Presence p = jicofo.observer().muc().getOccupantPresence(
                    org.jxmpp.jid.impl.JidCreate.entityFullFrom(BREWERY + "/" + member));
            if (p != null) {
                last = ColibriStats.of(p);
                if (wanted.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the brewery stats never matched within " + WAIT + "; last: " + last);
    }

    private static TestXmppClient admin() throws Exception {
        return TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword());
    }
}
