package org.sipgateway.callcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.WavFile;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.jitsi.RayoClient;
import org.sipgateway.testkit.jitsi.RoomObserver;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * Meet's call button through the callcontrol component of the plugin in a real Openfire: a real XMPP client in the
 * room sends the Rayo dial, the gateway joins, answers with the ref, rings a real baresip or sipp callee and bridges
 * it with the focus/bridge test peer; failures show in the participant's presence; policy refusals are XMPP errors
 * and nothing is dialled.
 */
class DialOutIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CALLCONTROL = "callcontrol.localhost";
    private static Kamailio kamailio;
    private static OpenfireFixture openfire;

    /** The gateway's SIP account is registered with Kamailio, which routes numbers (and challenges with 407). */
    @BeforeAll
    static void startOpenfire() throws Exception {
        kamailio = Kamailio.builder(RunDir.create("DialOutIT-registrar")).user("gw", "gwpw").start();
        openfire = OpenfireFixture.start(OpenfireFixture.options("dial-out")
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.sip.account.username", "gw")
                .property("sipgateway.sip.account.password", "gwpw")
                .property("sipgateway.sip.account.registrar", kamailio.domain())
                .property("sipgateway.sip.invite-timeout", "8")
                .property("sipgateway.dialout.allowed", "sip:[a-z]+@127\\.0\\.0\\.1:[0-9]+, ^0[0-9]{6,14}$")
                .property("sipgateway.dialout.max-per-room", "1"));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void meetDialsAPhoneAndBothSidesHearEachOtherUntilMeetHangsUp(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (FocusPeer focus = FocusPeer.createRoom(admin(), "dialout1@conference.localhost", FocusPeer.RoomSetup.OPEN);
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Baresip bob = Baresip.builder(run, "bob").codecs("PCMU/8000/1").tone(1000).autoAnswer().start()) {
            jvb.addSpeaker(1001, 440, 0.15, false);
            final RayoClient.Outcome dial = RayoClient.dial(focus.observer().client(), CALLCONTROL,
                    "sip:bob@127.0.0.1:" + bob.sipPort(), focus.roomJid(), null);
            assertTrue(dial.ok(), "the dial is answered with a ref: " + dial);
            final String nick = focus.awaitGateway();
            assertEquals(focus.roomJid() + "/" + nick, dial.refJid(), "the ref names the gateway's occupant JID");
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                    List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
            jvb.connect(call.gatewayTransport());
            assertTrue(jvb.awaitConnected(20_000), "ICE and DTLS between the gateway and the bridge");
            jvb.startSending();
            bob.awaitEvent("CALL_ESTABLISHED", WAIT);

            final int phone = (int) call.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedAudio(phone).length > 3 * 48000),
                    "three seconds of the dialled phone reach the bridge");
            final short[] up = jvb.bridge().receivedAudio(phone);
            assertEquals(1000, SignalAnalysis.dominantFrequency(up, up.length - 48000, up.length, 48000), 10,
                    "the phone's 1 kHz tone reaches the conference");
            // the phone answered before the bridge connected: wait until the conference is heard, not for a duration
            assertTrue(ExternalProcess.waitFor(WAIT, () -> hearsTone(bob.heardSoFar(), 440)),
                    "the phone hears the conference's 440 Hz speaker");
            focus.observer().await(nick, p -> "Connected".equals(p.getStatus()), WAIT);
            final List<String> statuses = focus.observer().statusSequence(nick);
            assertTrue(statuses.indexOf("Initializing Call") >= 0
                    && statuses.indexOf("Initializing Call") < statuses.indexOf("Connected"),
                    "presence goes Initializing Call -> Connected: " + statuses);

            final RayoClient.Outcome hangup = RayoClient.hangup(focus.observer().client(), dial.refJid());
            assertTrue(hangup.ok(), "the hangup is taken: " + hangup);
            bob.awaitEvent("CALL_CLOSED", WAIT);
            awaitGone(focus, nick);

            final WavFile.Audio heard = bob.heardAudio();
            final short[] pcm = heard.samples();
            final int rate = heard.sampleRate();
            final int end = pcm.length - rate / 4;
            assertEquals(440, SignalAnalysis.dominantFrequency(pcm, end - rate, end, rate), 10,
                    "the phone hears the conference's 440 Hz speaker");
        }
    }

    @Test
    void theCalleeSeesTheRoomHeaderAndItsHangupRemovesTheParticipant(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "dialout2@conference.localhost";
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                Sipp callee = Sipp.scenario(run, "uas_answer_then_bye.xml").key("room", "dialout2@conference\\.localhost")
                        .start()) {
            final RayoClient.Outcome dial = RayoClient.dial(focus.observer().client(), CALLCONTROL,
                    "sip:callee@127.0.0.1:" + callee.port(), room, null);
            assertTrue(dial.ok(), dial.toString());
            final String nick = focus.awaitGateway();
            focus.observer().await(nick, p -> "Connected".equals(p.getStatus()), WAIT);
            final Sipp.Result result = callee.await(WAIT);
            assertEquals(0, result.exitCode(), "the callee saw Jitsi-Conference-Room: " + room + "; " + result.describe());
            awaitGone(focus, nick);
            assertTrue(focus.observer().statusSequence(nick).contains("ringing"),
                    "Meet saw the phone ringing: " + focus.observer().statusSequence(nick));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"uas_busy.xml, busy", "uas_decline.xml, rejected", "uas_ring_forever.xml, No answer"})
    void aFailedCallShowsWhyInThePresenceThenLeaves(String scenario, String status, TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "fail" + scenario.replaceAll("[^a-z]", "") + "@conference.localhost";
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                Sipp callee = Sipp.scenario(run, scenario).start()) {
            final RayoClient.Outcome dial = RayoClient.dial(focus.observer().client(), CALLCONTROL,
                    "sip:callee@127.0.0.1:" + callee.port(), room, null);
            assertTrue(dial.ok(), "the gateway joined before it dialled: " + dial);
            final String nick = focus.awaitGateway();
            focus.observer().await(nick, p -> status.equals(p.getStatus()), WAIT);
            awaitGone(focus, nick);
            assertEquals(0, callee.await(WAIT).exitCode(), "the callee's side of the exchange completed");
        }
    }

    @Test
    void aNumberUnknownToTheRegistrarShowsNumberNotFound() throws Exception {
        final String room = "unknownnumber@conference.localhost";
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN)) {
            // normalised to 0301234567, sent as sip:0301234567@<registrar> with digest auth on Kamailio's 407
            final RayoClient.Outcome dial = RayoClient.dial(focus.observer().client(), CALLCONTROL, "030 123-4567",
                    room, null);
            assertTrue(dial.ok(), dial.toString());
            final String nick = focus.awaitGateway();
            focus.observer().await(nick, p -> p.getStatus() != null && p.getStatus().startsWith("Number not found")
                    && p.getStatus().contains("404"), WAIT);
            awaitGone(focus, nick);
        }
    }

    @Test
    void refusalsAreXmppErrorsWithTheReasonAndNothingIsDialled(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "policy@conference.localhost";
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                RoomObserver guest = RoomObserver.join(TestXmppClient.anonymous(openfire.domain(),
                        openfire.options().xmppPort()), room, "guest", null);
                Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start()) {
            final String target = "sip:callee@127.0.0.1:" + callee.port();

            final RayoClient.Outcome notModerator = RayoClient.dial(guest.client(), CALLCONTROL, target, room, null);
            assertEquals(StanzaError.Condition.forbidden, notModerator.condition(), notModerator.toString());
            assertTrue(notModerator.text().contains("is not a moderator"), notModerator.text());

            final RayoClient.Outcome notAllowed = RayoClient.dial(focus.observer().client(), CALLCONTROL,
                    "+1 900 555 0100", room, null);
            assertEquals(StanzaError.Condition.forbidden, notAllowed.condition(), notAllowed.toString());
            assertTrue(notAllowed.text().contains("+19005550100 may not be dialled"), notAllowed.text());

            final RayoClient.Outcome noRoom = RayoClient.dial(focus.observer().client(), CALLCONTROL, target, null, null);
            assertEquals(StanzaError.Condition.bad_request, noRoom.condition(), noRoom.toString());
            assertTrue(noRoom.text().contains("JvbRoomName"), noRoom.text());

            final RayoClient.Outcome unknownRoom = RayoClient.dial(focus.observer().client(), CALLCONTROL, target,
                    "nosuchroom@conference.localhost", null);
            assertEquals(StanzaError.Condition.item_not_found, unknownRoom.condition(), unknownRoom.toString());
            assertTrue(unknownRoom.text().contains("nosuchroom@conference.localhost does not exist"), unknownRoom.text());

            final RayoClient.Outcome transcriber = RayoClient.dial(focus.observer().client(), CALLCONTROL,
                    "jitsi_meet_transcribe", room, null);
            assertEquals(StanzaError.Condition.feature_not_implemented, transcriber.condition(), transcriber.toString());

            assertFalse(callee.messagesSoFar().contains("INVITE"), "nothing was dialled: " + callee.messagesSoFar());
            // the refused non-moderator dial joined to check the requester's role, then left again
            assertTrue(ExternalProcess.waitFor(WAIT, () -> focus.observer().muc().getOccupantsCount() == 2),
                    "only the focus and the guest are left: " + focus.observer().muc().getOccupants());
            assertThrowsItemNotFound(focus, "nosuchroom@conference.localhost");
        }
    }

    @Test
    void aSecondDialFromARoomAtItsLimitIsRefusedAndTheFirstIsCancelledByHangup(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "limit@conference.localhost";
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start()) {
            final String target = "sip:callee@127.0.0.1:" + callee.port();
            final RayoClient.Outcome first = RayoClient.dial(focus.observer().client(), CALLCONTROL, target, room, null);
            assertTrue(first.ok(), first.toString());
            final RayoClient.Outcome second = RayoClient.dial(focus.observer().client(), CALLCONTROL, target, room, null);
            assertEquals(StanzaError.Condition.resource_constraint, second.condition(), second.toString());
            assertTrue(second.text().contains("already has 1 dial-outs in progress"), second.text());
            final String nick = focus.awaitGateway();
            focus.observer().await(nick, p -> "ringing".equals(p.getStatus()), WAIT);
            assertTrue(RayoClient.hangup(focus.observer().client(), first.refJid()).ok());
            awaitGone(focus, nick);
            assertEquals(0, callee.await(WAIT).exitCode(), "the ringing phone got CANCEL: " + callee.messagesSoFar());
        }
    }

    /** The last half second holds this tone clearly (dominant frequency within 10 Hz). */
    private static boolean hearsTone(WavFile.Audio heard, double hz) {
        final int half = heard.sampleRate() / 2;
        final short[] pcm = heard.samples();
        return pcm.length > 2 * half
                && Math.abs(SignalAnalysis.dominantFrequency(pcm, pcm.length - half, pcm.length, heard.sampleRate()) - hz) < 10;
    }

    private static void awaitGone(FocusPeer focus, String nick) {
        assertTrue(ExternalProcess.waitFor(WAIT, () -> focus.observer().muc().getOccupants().stream()
                .noneMatch(o -> o.getResourceOrEmpty().toString().equals(nick))), "the participant left the room");
    }

    private static void assertThrowsItemNotFound(FocusPeer focus, String room) {
        try {
            focus.observer().client().discoInfo(room);
            throw new AssertionError(room + " exists: the refused dial created it");
        } catch (org.jivesoftware.smack.XMPPException.XMPPErrorException e) {
            assertEquals(StanzaError.Condition.item_not_found, e.getStanzaError().getCondition());
        } catch (Exception e) {
            throw new AssertionError("disco#info of " + room + " failed: " + e, e);
        }
    }

    private static TestXmppClient admin() throws Exception {
        return TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword());
    }
}
