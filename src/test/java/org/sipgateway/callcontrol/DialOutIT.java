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
    private static final String ALLOWED = "sip:[a-z]+@127\\.0\\.0\\.1:[0-9]+, ^0[0-9]{6,14}$";
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
                .property("sipgateway.dialout.allowed", ALLOWED)
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
            assertEquals(StanzaError.Condition.forbidden, unknownRoom.condition(), unknownRoom.toString());
            assertTrue(unknownRoom.text().contains("must be a moderator of room nosuchroom@conference.localhost"),
                    unknownRoom.text());

            final RayoClient.Outcome otherService = RayoClient.dial(focus.observer().client(), CALLCONTROL, target,
                    "room@muc.evil.example", null);
            assertEquals(StanzaError.Condition.forbidden, otherService.condition(), otherService.toString());
            assertTrue(otherService.text().contains("limited to rooms of conference.localhost"), otherService.text());

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

    /**
     * Toll fraud through the target: each form that could send the INVITE elsewhere than the allow-list saw, or add to
     * it, is refused with bad-request naming what is wrong, before anything joins or dials. The sipp callee the URIs
     * point at and the registrar the numbers would go to see no INVITE.
     */
    @Test
    void dangerousTargetsAreRefusedNamingWhatIsWrongAndNothingReachesTheSipSide(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "targets@conference.localhost";
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start()) {
            final String at = "@127.0.0.1:" + callee.port();
            final int invitesBefore = registrarInvites();
            final String[][] cases = {
                {"sip:callee" + at + "?X-Foo=bar", "URI headers ('?X-Foo=bar')"},
                {"sip:callee" + at + ";maddr=127.0.0.2", "';maddr=127.0.0.2'"},
                {"sip:cal%6Cee" + at, "percent-encoded character '%6C'"},
                {"sip:callee%40evil.example" + at, "'%40'"},
                {"sip:a@b" + at, "more than one '@'"},
                {"sip:sip:callee" + at, "user part 'sip:callee' is itself a URI"},
                {"sip:callee" + at + ";lr", "';lr'"},
                {"sip:callee" + at + ";x-route=evil", "';x-route=evil'"},
                {"*21#", "'*' and '#' are not dialled"},
                {"0301234567#", "'*' and '#' are not dialled"},
                {"\u0660\u0663\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667",
                    "U+0660 ARABIC-INDIC DIGIT ZERO is not an ASCII digit"},
                {"\uff10\uff13\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17",
                    "U+FF10 FULLWIDTH DIGIT ZERO is not an ASCII digit"},
            };
            final List<String> wrong = new java.util.ArrayList<>();
            for (String[] c : cases) {
                final RayoClient.Outcome dial = RayoClient.dial(focus.observer().client(), CALLCONTROL, c[0], room, null);
                if (dial.condition() != StanzaError.Condition.bad_request || !dial.text().contains(c[1])
                        || !dial.text().startsWith("'" + c[0] + "'")) {
                    wrong.add(c[0] + " -> " + dial + " (expected bad-request naming it and " + c[1] + ")");
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
            assertEquals(1, focus.muc().getOccupantsCount(), "no gateway participant joined for any of them");
            assertFalse(callee.messagesSoFar().contains("INVITE"), "the callee got no INVITE: " + callee.messagesSoFar());
            assertEquals(invitesBefore, registrarInvites(), "the registrar got no INVITE: " + kamailio.log());
        }
    }

    /**
     * The allow-list examples of the settings page, and the sloppier one it showed before ({@code sip:.*@pbx...}), in
     * force: targets written to slip past them to the sipp callee are refused, because the list sees the target
     * rebuilt from its parts, which is what would be dialled.
     */
    @Test
    void theSettingsPageExamplesCannotBeBypassed(TestInfo info) throws Exception {
        final List<String> examples = settingsPageExamples();
        assertEquals(2, examples.size(), "the page shows a number and a SIP URI example: " + examples);
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "examples@conference.localhost";
        openfire.process().setProperty("sipgateway.dialout.allowed",
                String.join(", ", examples) + ", sip:.*@pbx\\.example\\.com", WAIT);
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start()) {
            final String evil = "127.0.0.1:" + callee.port();
            final String[][] cases = {
                {"sip:callee@" + evil + "?x=@pbx.example.com", "bad_request"},
                {"sip:callee@" + evil + ";x=@pbx.example.com", "bad_request"},
                {"sip:callee@pbx.example.com;maddr=127.0.0.1", "bad_request"},
                {"sip:+4930123456@pbx.example.com:" + callee.port() + ";maddr=127.0.0.1", "bad_request"},
                {"sip:callee%40" + evil + "@pbx.example.com", "bad_request"},
                {"sip:pbx.example.com@" + evil, "forbidden"},
                {"sip:callee@" + evil + ".pbx.example.com", "bad_request"},
                {"sip:+4930123456@" + evil, "forbidden"},
                {"sip:+4930123456@" + evil + ";user=phone", "forbidden"},
                {"+4930123456@" + evil, "bad_request"},
            };
            final List<String> wrong = new java.util.ArrayList<>();
            for (String[] c : cases) {
                final RayoClient.Outcome dial = RayoClient.dial(focus.observer().client(), CALLCONTROL, c[0], room, null);
                if (dial.ok() || !dial.condition().toString().replace('-', '_').equals(c[1])) {
                    wrong.add(c[0] + " -> " + dial + " (expected " + c[1] + ")");
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
            assertFalse(callee.messagesSoFar().contains("INVITE"), "the callee got no INVITE: " + callee.messagesSoFar());
            assertEquals(1, focus.muc().getOccupantsCount(), "no gateway participant joined for any of them");
        } finally {
            openfire.process().setProperty("sipgateway.dialout.allowed", ALLOWED, WAIT);
        }
    }

    /**
     * Whoever is not in a room hears the same refusal for it whether it exists or not, wants a password or got a wrong
     * one: dial-out does not let a stranger probe for rooms or passwords. No room is created on the way.
     */
    @Test
    void aStrangerCannotTellAnExistingRoomFromAMissingOneNorARightPasswordFromAWrongOne() throws Exception {
        final String open = "strangers@conference.localhost";
        final String locked = "lockedroom@conference.localhost";
        final String missing = "norooms@conference.localhost";
        try (FocusPeer openRoom = FocusPeer.createRoom(admin(), open, FocusPeer.RoomSetup.OPEN);
                // a second session of the focus's account needs a resource of its own (RFC 6120 section 7.7.2.2)
                FocusPeer lockedRoom = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword(), "locked"), locked,
                        new FocusPeer.RoomSetup("s3cret", false));
                TestXmppClient stranger = TestXmppClient.anonymous(openfire.domain(), openfire.options().xmppPort())) {
            final String target = "sip:callee@127.0.0.1:5999";
            final java.util.Map<String, RayoClient.Outcome> outcomes = new java.util.LinkedHashMap<>();
            outcomes.put("an open room", RayoClient.dial(stranger, CALLCONTROL, target, open, null));
            outcomes.put("a locked room, no password", RayoClient.dial(stranger, CALLCONTROL, target, locked, null));
            outcomes.put("a locked room, a wrong password", RayoClient.dial(stranger, CALLCONTROL, target, locked, "x"));
            outcomes.put("a locked room, its password", RayoClient.dial(stranger, CALLCONTROL, target, locked, "s3cret"));
            outcomes.put("a missing room", RayoClient.dial(stranger, CALLCONTROL, target, missing, null));
            final java.util.Set<String> answers = new java.util.HashSet<>();
            outcomes.forEach((what, outcome) -> {
                assertEquals(StanzaError.Condition.forbidden, outcome.condition(), what + ": " + outcome);
                answers.add(outcome.text().replace(open, "ROOM").replace(locked, "ROOM").replace(missing, "ROOM"));
            });
            assertEquals(1, answers.size(), "one answer for all of them: " + outcomes);
            assertTrue(answers.iterator().next().contains("must be a moderator of room ROOM to dial out from it"),
                    answers.toString());
            assertThrowsItemNotFound(openRoom, missing);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> openRoom.muc().getOccupantsCount() == 1
                    && lockedRoom.muc().getOccupantsCount() == 1), "the gateway left both rooms again");
        }
    }

    /**
     * With one dial-out an hour, dials refused in the room (a guest, a stranger) and a dial that failed before any
     * ringing (404 from the registrar) give their hourly place back: the moderator's next dial still rings. That one
     * rang, so it keeps its place and the hour is full.
     */
    @Test
    void refusedAndFailedDialsGiveTheirHourlyPlaceBack(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "hourly@conference.localhost";
        openfire.process().setProperty("sipgateway.dialout.per-hour", "1", WAIT);
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                RoomObserver guest = RoomObserver.join(TestXmppClient.anonymous(openfire.domain(),
                        openfire.options().xmppPort()), room, "guest", null);
                TestXmppClient stranger = TestXmppClient.anonymous(openfire.domain(), openfire.options().xmppPort());
                Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start()) {
            final String target = "sip:callee@127.0.0.1:" + callee.port();
            for (int i = 0; i < 3; i++) {
                final RayoClient.Outcome byGuest = RayoClient.dial(guest.client(), CALLCONTROL, target, room, null);
                assertEquals(StanzaError.Condition.forbidden, byGuest.condition(), byGuest.toString());
                final RayoClient.Outcome byStranger = RayoClient.dial(stranger, CALLCONTROL, target, room, null);
                assertEquals(StanzaError.Condition.forbidden, byStranger.condition(), byStranger.toString());
            }
            final RayoClient.Outcome unknown = RayoClient.dial(focus.observer().client(), CALLCONTROL, "030 123-4567",
                    room, null);
            assertTrue(unknown.ok(), "the first dial that passes takes the hour's place: " + unknown);
            final String failed = unknown.refJid().substring(unknown.refJid().indexOf('/') + 1);
            focus.observer().await(failed, p -> p.getStatus() != null && p.getStatus().startsWith("Number not found"),
                    WAIT);
            awaitGone(focus, failed);

            final RayoClient.Outcome rings = RayoClient.dial(focus.observer().client(), CALLCONTROL, target, room, null);
            assertTrue(rings.ok(), "the 404 gave the hour's place back: " + rings);
            final String nick = rings.refJid().substring(rings.refJid().indexOf('/') + 1);
            focus.observer().await(nick, p -> "ringing".equals(p.getStatus()), WAIT);
            assertTrue(RayoClient.hangup(focus.observer().client(), rings.refJid()).ok());
            awaitGone(focus, nick);

            final RayoClient.Outcome full = RayoClient.dial(focus.observer().client(), CALLCONTROL, target, room, null);
            assertEquals(StanzaError.Condition.resource_constraint, full.condition(), full.toString());
            assertTrue(full.text().contains("limit of 1 dial-outs per hour"), full.text());
            assertEquals(0, callee.await(WAIT).exitCode(), "the one call that rang got CANCEL: " + callee.messagesSoFar());
        } finally {
            openfire.process().setProperty("sipgateway.dialout.per-hour", "", WAIT);
        }
    }

    /** The anchored example patterns ({@code ^...$}) in the English help of the allow-list on the settings page. */
    private static List<String> settingsPageExamples() throws java.io.IOException {
        final java.util.Properties texts = new java.util.Properties();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("i18n",
                "sipgateway_i18n.properties"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            texts.load(in);
        }
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\^\\S+?\\$")
                .matcher(texts.getProperty("setting.sipgateway.dialout.allowed.help"));
        final List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** INVITEs the registrar has logged so far (its routing script logs every request). */
    private static int registrarInvites() {
        return (int) kamailio.log().lines().filter(l -> l.contains("REQ INVITE")).count();
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
