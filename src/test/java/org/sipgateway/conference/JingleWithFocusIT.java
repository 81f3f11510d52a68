package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipgateway.conference.ConferenceListener.EndReason;
import org.sipgateway.testkit.jitsi.BridgeEndpoint;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.FocusPeer.RoomSetup;
import org.sipgateway.testkit.jitsi.ParticipantEvents;
import org.sipgateway.testkit.jitsi.RecordingMedia;
import org.sipgateway.testkit.jitsi.ThreadCheck;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** The Jingle exchange with the focus test peer through a real Openfire MUC (signalling; media is recorded, not run). */
class JingleWithFocusIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("jingle").pluginJar(null));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    private static FocusPeer focus(String room) throws Exception {
        return FocusPeer.createRoom(TestXmppClient.login("localhost", openfire.options().xmppPort(), "admin", "admin"),
                room + "@conference.localhost", RoomSetup.OPEN);
    }

    private static XmppServerConfig server() {
        return new XmppServerConfig("127.0.0.1", openfire.options().xmppPort(), "localhost", "", "", "",
                TlsPolicy.DISABLED, Duration.ofSeconds(10), null).withFocusJids(java.util.Set.of(openfire.focusJid()));
    }

    @Test
    void fullSessionWithTheFocusSourcesMigrationDtmfMuteAndTerminate() throws Exception {
        try (FocusPeer focus = focus("jingle1")) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final ParticipantEvents events = new ParticipantEvents();
            final RecordingMedia media = new RecordingMedia();
            try (ConferenceParticipant phone = new ConferenceParticipant(server(), ParticipantSpec.of("jingle1", "Eve"),
                    media, events)) {
                phone.join().get(30, TimeUnit.SECONDS);
                final String nick = focus.awaitGateway();
                final String room = focus.roomJid();
                final BridgeSource alice = BridgeSource.speaker(room, "aaaa0001", 1001);
                final FocusCall call = focus.offer(nick, false, BridgeEndpoint.placeholder(10000),
                        List.of(BridgeSource.jvb(999), alice));
                assertEquals(phone.localSsrc(), call.gatewaySource().getSSRC(), "the SSRC announced is the participant's");
                assertEquals(nick + "-a0", call.gatewaySource().getName());
                events.await("offer accepted", () -> events.offers.size() == 1, WAIT);
                assertEquals(List.of(999L, 1001L), media.offers.get(0).sources().stream().map(RemoteSource::ssrc).toList());
                assertEquals(10000, media.offers.get(0).bridge().candidates().get(0).port());

                media.reportConnected();
                events.await("media connected event", () -> events.mediaConnected.size() == 1, WAIT);

                final BridgeSource bob = BridgeSource.speaker(room, "bbbb0002", 2002);
                assertEquals(IQ.Type.result, call.sourceAdd(List.of(bob)).getType());
                assertEquals(List.of(2002L), media.added.stream().map(RemoteSource::ssrc).toList());
                call.sourceRemove(List.of(alice));
                assertEquals(List.of(1001L), media.removed.stream().map(RemoteSource::ssrc).toList());

                final var newTransport = call.transportReplace(BridgeEndpoint.placeholder(20000));
                assertEquals(20000, media.replacements.get(0).candidates().get(0).port());
                assertEquals("gwufrag2", newTransport.getUfrag(), "the transport-accept carries media's new transport");

                call.dtmf('5', 250);
                events.await("DTMF handed up", () -> events.digits.equals(List.of("5/250")), WAIT);

                assertEquals(IQ.Type.result, focus.mute(nick, true).getType());
                assertEquals(List.of(true), media.mutes);
                final Presence muted = focus.observer().await(nick,
                        p -> p.toXML().toString().contains("-a0\":{\"muted\":true}"), WAIT);
                assertTrue(muted.toXML().toString().contains("<audiomuted>true</audiomuted>"), muted.toXML().toString());

                // every request is answered: an unknown session and a malformed one get errors with text
                final XMPPErrorException unknown = assertThrows(XMPPErrorException.class, () -> call.raw(
                        "<iq xmlns='jabber:client' type='set' to='%TO%'><jingle xmlns='urn:xmpp:jingle:1' action='source-add' sid='nope'/></iq>"));
                assertEquals(StanzaError.Condition.item_not_found, unknown.getStanzaError().getCondition());
                final XMPPErrorException unsupported = assertThrows(XMPPErrorException.class, () -> call.raw(
                        "<iq xmlns='jabber:client' type='set' to='%TO%'><jingle xmlns='urn:xmpp:jingle:1' action='content-add' sid='%SID%'/></iq>"));
                assertEquals(StanzaError.Condition.feature_not_implemented, unsupported.getStanzaError().getCondition());
                assertTrue(unsupported.getStanza().toXML().toString().contains("content-add is not supported"),
                        unsupported.getStanza().toXML().toString());

                assertEquals(IQ.Type.result, call.terminate("success", "the meeting has ended").getType());
                events.await("ended", () -> events.endReason != null, WAIT);
                assertEquals(EndReason.SESSION_TERMINATED, events.endReason);
                assertTrue(events.ended.get(0).contains("the meeting has ended"), events.toString());
                focus.observer().await(nick, p -> p.getType() == Presence.Type.unavailable, WAIT);
                assertEquals(1, media.closes.get(), "media closed once");
            }
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    /** Any moderator may not start the call's session: only the focus may, or a moderator could take the caller's audio. */
    @Test
    void aModeratorWhoIsNotTheFocusCannotStartTheSessionAndTheFocusStillCan() throws Exception {
        try (FocusPeer focus = focus("jingle4");
                FocusPeer mallory = FocusPeer.impostor(TestXmppClient.anonymous("localhost",
                        openfire.options().xmppPort()), focus.roomJid(), "mallory")) {
            focus.grantModerator("mallory");
            focus.observer().await("mallory", FocusPeer::isModerator, WAIT);
            final ParticipantEvents events = new ParticipantEvents();
            final RecordingMedia media = new RecordingMedia();
            try (ConferenceParticipant phone = new ConferenceParticipant(server(), ParticipantSpec.of("jingle4", "Gus"),
                    media, events)) {
                phone.join().get(30, TimeUnit.SECONDS);
                final String nick = mallory.awaitGateway();
                final XMPPErrorException refused = assertThrows(XMPPErrorException.class, () -> mallory.offer(nick,
                        false, BridgeEndpoint.placeholder(30000), List.of(BridgeSource.jvb(998))));
                assertEquals(StanzaError.Condition.forbidden, refused.getStanzaError().getCondition());
                assertTrue(refused.getStanza().toXML().toString().contains("accepted from the conference focus only"),
                        refused.getStanza().toXML().toString());
                assertTrue(media.offers.isEmpty(), "the moderator's transport never reached media");

                focus.offer(nick, false, BridgeEndpoint.placeholder(10000), List.of(BridgeSource.jvb(999)));
                events.await("the focus's offer accepted", () -> events.offers.size() == 1, WAIT);
                assertEquals(10000, media.offers.get(0).bridge().candidates().get(0).port(), "the focus's bridge only");
            }
        }
    }

    @Test
    void aRefusedSessionAcceptEndsTheParticipantWithTheFocusText() throws Exception {
        try (FocusPeer focus = focus("jingle3")) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final ParticipantEvents events = new ParticipantEvents();
            final RecordingMedia media = new RecordingMedia();
            try (ConferenceParticipant phone = new ConferenceParticipant(server(), ParticipantSpec.of("jingle3", "Ann"),
                    media, events)) {
                phone.join().get(30, TimeUnit.SECONDS);
                focus.refuseAnswers("unsupported payload");
                final String sid = focus.sendOffer(focus.awaitGateway(), BridgeEndpoint.placeholder(10000));
                assertEquals(sid, focus.next(WAIT).getSID(), "the session-accept came (and was refused)");
                events.await("ended", () -> events.endReason != null, WAIT);
                assertEquals(EndReason.SESSION_TERMINATED, events.endReason);
                // the condition names the refusal (Openfire's MUC passes the condition on, not always the text)
                assertTrue(events.ended.get(0).contains("refused our session-accept: bad-request"), events.toString());
                assertEquals(1, media.closes.get(), "media closed");
            }
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    @Test
    void redIsOfferedAndChosenWhenTheParticipantAsksForItAndHangupTerminatesTheSession() throws Exception {
        try (FocusPeer focus = focus("jingle2")) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final RecordingMedia media = new RecordingMedia();
            final ConferenceParticipant phone = new ConferenceParticipant(server(),
                    ParticipantSpec.of("jingle2", "Frank").withOpusRed(true), media, new ParticipantEvents());
            phone.join().get(30, TimeUnit.SECONDS);
            final String nick = focus.awaitGateway();
            assertTrue(focus.discoInfo(focus.realJidOf(nick)).containsFeature(GatewayFeatures.OPUS_RED));
            final FocusCall call = focus.offer(nick, true, BridgeEndpoint.placeholder(10000), List.of(BridgeSource.jvb(7)));
            assertEquals(112, media.offers.get(0).audio().redPayloadType());

            phone.close();
            final var terminate = focus.next(WAIT);
            assertEquals("session-terminate", terminate.getAction().toString());
            assertEquals(call.sid(), terminate.getSID());
            focus.observer().await(nick, p -> p.getType() == Presence.Type.unavailable, WAIT);
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }
}
