package org.sipgateway.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.media.codec.G711;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.jitsi.RoomObserver;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * Malformed and hostile XMPP requests against the plugin in a real Openfire: Rayo dials to the call-control component
 * and Jingle requests to a live call's participant. Every one gets an error with a condition and a text naming what was
 * wrong, nothing is dialled, and the live call goes on carrying audio until the focus ends it.
 */
class MalformedIqIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RAYO = "urn:xmpp:rayo:1";
    private static final String JINGLE = "urn:xmpp:jingle:1";
    private static OpenfireFixture openfire;

    @BeforeAll
    static void start() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("malformed-iq")
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.dialout.allowed", "^\\+49[0-9]{6,14}$"));
    }

    @AfterAll
    static void stop() {
        if (openfire != null) {
            openfire.close();
        }
    }

    /** One request and what must come back. */
    private record Case(String what, IQ.Type type, String to, String element, String innerXml, Map<String, String> attributes,
            Condition condition, String textContains) {
    }

    @Test
    void malformedRayoRequestsGetErrorsNamingTheProblemAndNothingIsDialled() throws Exception {
        final String component = "callcontrol." + openfire.domain();
        final String room = "rayo@conference.localhost";
        final String header = "<header name='JvbRoomName' value='" + room + "'/>";
        final String longNumber = "+49" + "1".repeat(5000);
        final List<Case> cases = List.of(
                new Case("dial without to", IQ.Type.set, component, "dial", header, Map.of("from", "x"),
                        Condition.bad_request, "'to'"),
                new Case("dial with a blank to", IQ.Type.set, component, "dial", header, Map.of("to", "   "),
                        Condition.bad_request, "'to'"),
                new Case("number with a SIP header smuggled after a line break", IQ.Type.set, component, "dial", header,
                        Map.of("to", "+4930123456&#13;&#10;Via: SIP/2.0/UDP 127.0.0.9"), Condition.bad_request,
                        "is not a telephone number or SIP URI"),
                new Case("SIP URI with a header smuggled after a line break", IQ.Type.set, component, "dial", header,
                        Map.of("to", "sip:alice@127.0.0.1&#13;&#10;X-Evil: 1"), Condition.bad_request,
                        "is not a valid SIP URI"),
                new Case("a 5,000-digit number", IQ.Type.set, component, "dial", header, Map.of("to", longNumber),
                        Condition.bad_request, "is not a telephone number or SIP URI"),
                new Case("dial without JvbRoomName", IQ.Type.set, component, "dial",
                        "<header name='JvbRoomPassword' value='x'/>", Map.of("to", "+4930123456"), Condition.bad_request,
                        "JvbRoomName"),
                new Case("a room name of 2,000 characters", IQ.Type.set, component, "dial",
                        "<header name='JvbRoomName' value='" + "r".repeat(2000) + "'/>", Map.of("to", "+4930123456"),
                        Condition.bad_request, "not a room name"),
                new Case("a room name that is no JID", IQ.Type.set, component, "dial",
                        "<header name='JvbRoomName' value='a@b@c/'/>", Map.of("to", "+4930123456"), Condition.bad_request,
                        "a@b@c/"),
                new Case("an unknown Rayo command", IQ.Type.set, component, "record", "", Map.of(),
                        Condition.feature_not_implemented, "record"),
                new Case("a hangup to the component itself", IQ.Type.set, component, "hangup", "", Map.of(),
                        Condition.bad_request, "the call's address"),
                new Case("a hangup for a call that does not exist", IQ.Type.set, component + "/nosuchcall", "hangup", "",
                        Map.of(), Condition.item_not_found, "nosuchcall"),
                new Case("a dial sent as a get", IQ.Type.get, component, "dial", header, Map.of("to", "+4930123456"),
                        Condition.service_unavailable, "dial"));
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN)) {
            final List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                final String problem = check(focus.observer().client(), c);
                if (problem != null) {
                    wrong.add(c.what() + ": " + problem);
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
            assertEquals(1, focus.muc().getOccupants().size(), "no gateway participant joined the room for any of them");
            assertFalse(focus.observer().client().discoInfo(component).getIdentities().isEmpty(),
                    "the component still answers service discovery");
        }
    }

    @Test
    void malformedAndForeignJingleRequestsGetErrorsAndTheCallGoesOn(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        writePhoneVoice(run);
        try (FocusPeer focus = FocusPeer.createRoom(admin(), "jingle@conference.localhost", FocusPeer.RoomSetup.OPEN);
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Sipp phone = Sipp.scenario(run, "uac_room_call_until_bye.xml").target(openfire.sipPort())
                        .service("gateway").key("room", "jingle").timeLimit(Duration.ofSeconds(120)).start()) {
            jvb.addSpeaker(1001, 440, 0.15, false);
            final String nick = focus.awaitGateway();
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                    List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
            jvb.connect(call.gatewayTransport());
            assertTrue(jvb.awaitConnected(20_000), "bridge connected");
            jvb.startSending();
            final int caller = (int) call.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedPackets(caller) > 50), "audio flows");

            final String gateway = focus.roomJid() + "/" + nick;
            final String sid = call.sid();
            final String source = "<content xmlns='" + JINGLE + "' creator='initiator' name='audio'>"
                    + "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
                    + "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='SSRC'/></description></content>";
            final List<Case> fromFocus = List.of(
                    new Case("Jingle without action or sid", IQ.Type.set, gateway, "jingle", "", Map.of(),
                            Condition.bad_request, "jingle"),
                    new Case("an unknown action", IQ.Type.set, gateway, "jingle", "",
                            Map.of("action", "frobnicate", "sid", sid), Condition.bad_request, "jingle"),
                    new Case("a source whose SSRC is no number", IQ.Type.set, gateway, "jingle",
                            source.replace("SSRC", "abc"), Map.of("action", "source-add", "sid", sid),
                            Condition.bad_request, "jingle"),
                    new Case("a candidate whose port is no number", IQ.Type.set, gateway, "jingle",
                            "<content xmlns='" + JINGLE + "' creator='initiator' name='audio'>"
                                    + "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
                                    + "<candidate component='1' foundation='1' generation='0' id='c1' ip='127.0.0.1'"
                                    + " network='0' port='http' priority='1' protocol='udp' type='host'/>"
                                    + "</transport></content>", Map.of("action", "transport-info", "sid", sid),
                            Condition.bad_request, "jingle"),
                    new Case("a transport-replace without transport", IQ.Type.set, gateway, "jingle",
                            "<content xmlns='" + JINGLE + "' creator='initiator' name='audio'/>",
                            Map.of("action", "transport-replace", "sid", sid), Condition.bad_request, "transport"),
                    new Case("a mute naming a JID that cannot be one", IQ.Type.set, gateway, "mute", "true",
                            Map.of("jid", "a@b@c@d/"), Condition.bad_request, "mute"),
                    new Case("an action the gateway does not take", IQ.Type.set, gateway, "jingle", "",
                            Map.of("action", "content-add", "sid", sid), Condition.feature_not_implemented,
                            "not supported"),
                    new Case("a session that does not exist", IQ.Type.set, gateway, "jingle", "",
                            Map.of("action", "session-terminate", "sid", "nosuchsession"), Condition.item_not_found,
                            "nosuchsession"));
            final List<String> wrong = new ArrayList<>();
            for (Case c : fromFocus) {
                final String problem = check(focus.observer().client(), c);
                if (problem != null) {
                    wrong.add("from the focus, " + c.what() + ": " + problem);
                }
            }
            // an ordinary participant of the room tries to take over or end the phone call
            try (RoomObserver mallory = RoomObserver.join(TestXmppClient.anonymous(openfire.domain(),
                    openfire.options().xmppPort()), focus.roomJid(), "mallory", null)) {
                final String offer = "<content xmlns='" + JINGLE + "' creator='initiator' name='audio'/>";
                for (Case c : List.of(
                        new Case("a foreign session-initiate", IQ.Type.set, gateway, "jingle", offer,
                                Map.of("action", "session-initiate", "sid", "mallory1", "initiator", "x@y"),
                                Condition.forbidden, "conference focus"),
                        new Case("a foreign session-terminate", IQ.Type.set, gateway, "jingle", "",
                                Map.of("action", "session-terminate", "sid", sid), Condition.item_not_found, sid),
                        new Case("a foreign mute", IQ.Type.set, gateway, "mute", "true",
                                Map.of(), Condition.forbidden, "moderator"))) {
                    final String problem = check(mallory.client(), c);
                    if (problem != null) {
                        wrong.add("from another occupant, " + c.what() + ": " + problem);
                    }
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));

            final int before = jvb.bridge().receivedPackets(caller);
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(5), () -> jvb.bridge().receivedPackets(caller) > before + 50),
                    "the call still carries the caller's audio");
            assertEquals(IQ.Type.result, call.terminate("success", "meeting ended").getType());
            final Sipp.Result ended = phone.await(WAIT);
            assertEquals(0, ended.exitCode(), "the phone got the BYE once the focus ended the call: " + ended.describe());
        }
    }

    /**
     * A moderator is not the focus: one who offers the gateway a Jingle session of its own, before the focus does, to
     * get the caller's audio sent to its own transport, is refused with forbidden; the focus's offer then connects the
     * call, the caller's voice reaches the focus's bridge and not one packet the moderator's.
     */
    @Test
    void aModeratorWhoIsNotTheFocusCannotPointTheCallersAudioAtItsOwnTransport(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        writePhoneVoice(run);
        try (FocusPeer focus = FocusPeer.createRoom(admin(), "takeover@conference.localhost", FocusPeer.RoomSetup.OPEN);
                FocusPeer mallory = FocusPeer.impostor(TestXmppClient.anonymous(openfire.domain(),
                        openfire.options().xmppPort()), "takeover@conference.localhost", "mallory");
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                JvbPeer stolen = new JvbPeer(OpusImplementation.AUTO)) {
            focus.grantModerator("mallory");
            focus.observer().await("mallory", FocusPeer::isModerator, WAIT);
            try (Sipp phone = Sipp.scenario(run, "uac_room_call_until_bye.xml").target(openfire.sipPort())
                    .service("gateway").key("room", "takeover").timeLimit(Duration.ofSeconds(120)).start()) {
                final String nick = mallory.awaitGateway();
                final XMPPException.XMPPErrorException refused = org.junit.jupiter.api.Assertions.assertThrows(
                        XMPPException.XMPPErrorException.class, () -> mallory.offer(nick, false, stolen.endpoint(),
                                List.of(BridgeSource.jvb(998), BridgeSource.speaker(focus.roomJid(), "mallory1", 3001))));
                assertEquals(Condition.forbidden, refused.getStanzaError().getCondition(), refused.toString());
                assertTrue(refused.getStanza().toXML().toString().contains("accepted from the conference focus only"),
                        refused.getStanza().toXML().toString());

                jvb.addSpeaker(1001, 440, 0.15, false);
                final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                        List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
                jvb.connect(call.gatewayTransport());
                assertTrue(jvb.awaitConnected(20_000), "the focus's bridge connected");
                jvb.startSending();
                final int caller = (int) call.gatewaySource().getSSRC();
                assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedPackets(caller) > 100),
                        "the caller's voice reaches the focus's bridge");
                assertEquals(0, stolen.bridge().uplinkPackets(), "the moderator's transport got nothing");
                assertEquals(IQ.Type.result, call.terminate("success", "meeting ended").getType());
                assertEquals(0, phone.await(WAIT).exitCode(), "the phone got the BYE once the focus ended the call");
            }
        }
    }

    /** Sends the request; returns what was wrong with the answer, or null when it is as expected. */
    private static String check(TestXmppClient client, Case c) throws Exception {
        final String namespace = c.element().equals("mute") ? "http://jitsi.org/jitmeet/audio"
                : c.element().equals("jingle") ? JINGLE : RAYO;
        final StringBuilder attributes = new StringBuilder();
        c.attributes().forEach((k, v) -> attributes.append(' ').append(k).append("='").append(v).append('\''));
        final IQ request = TestXmppClient.rawIq(c.to(), c.type(), c.element(), namespace, attributes.toString(),
                c.innerXml());
        try {
            client.request(request);
            return "answered with a result, expected " + c.condition();
        } catch (XMPPException.XMPPErrorException e) {
            final StanzaError error = e.getStanzaError();
            final String text = error.getDescriptiveText() != null ? error.getDescriptiveText()
                    : error.getDescriptiveText("en");
            if (error.getCondition() != c.condition()) {
                return "condition " + error.getCondition() + " (" + text + "), expected " + c.condition();
            }
            if (text == null || !text.toLowerCase(java.util.Locale.ROOT).contains(c.textContains().toLowerCase(java.util.Locale.ROOT))) {
                return "text '" + text + "' does not name '" + c.textContains() + "'";
            }
            return null;
        } catch (org.jivesoftware.smack.SmackException.NoResponseException e) {
            return "no answer at all";
        }
    }

    private static TestXmppClient admin() throws Exception {
        return TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword());
    }

    private static void writePhoneVoice(RunDir run) throws Exception {
        final byte[] ulaw = new byte[16000];
        for (int i = 0; i < ulaw.length; i++) {
            ulaw[i] = G711.linearToUlaw((short) (6000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
        }
        Files.write(run.resolve("phone.ulaw"), ulaw);
    }
}
