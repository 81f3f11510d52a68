package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipgateway.conference.ConferenceListener.EndReason;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.FocusPeer.RoomSetup;
import org.sipgateway.testkit.jitsi.ParticipantEvents;
import org.sipgateway.testkit.jitsi.RecordingMedia;
import org.sipgateway.testkit.jitsi.RoomObserver;
import org.sipgateway.testkit.jitsi.ThreadCheck;
import org.sipgateway.testkit.sip.FreePorts;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** A participant against a real Openfire 4.2.0: login, room join, the presence others see, refusals with reasons. */
class ConferenceParticipantIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("conference").pluginJar(null));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    static XmppServerConfig server() {
        return new XmppServerConfig("127.0.0.1", openfire.options().xmppPort(), "localhost", "conference.localhost", "", "",
                TlsPolicy.DISABLED, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    static FocusPeer focus(String room, RoomSetup setup) throws Exception {
        return FocusPeer.createRoom(TestXmppClient.login("localhost", openfire.options().xmppPort(), "admin", "admin"),
                room + "@conference.localhost", setup);
    }

    @Test
    void othersSeeJigasiPresenceMaskedNickAndStatusSequenceThenDisconnected() throws Exception {
        try (FocusPeer focus = focus("presence", RoomSetup.OPEN);
                RoomObserver alice = RoomObserver.join(TestXmppClient.anonymous("localhost", openfire.options().xmppPort()),
                        "presence@conference.localhost", "alice", null)) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final ParticipantEvents events = new ParticipantEvents();
            final ParticipantSpec spec = ParticipantSpec.of("presence", "+15551234567").withMaskedDigits(true)
                    .withInitiatorHeaders(Map.of("Jitsi-Conference-Room", "presence"));
            final ConferenceParticipant phone = new ConferenceParticipant(server(), spec, new RecordingMedia(), events);
            final String occupant = phone.join().get(30, TimeUnit.SECONDS);
            assertEquals("presence@conference.localhost/" + spec.endpointId(), occupant);

            final String nick = spec.endpointId();
            final Presence first = alice.await(nick, p -> p.getType() == Presence.Type.available, WAIT);
            final String xml = first.toXML().toString();
            final int childStart = xml.indexOf('>') + 1;
            assertTrue(xml.startsWith("<status>Initializing Call</status>", childStart), "status first: " + xml);
            assertTrue(xml.contains("*******4567</nick>"), "masked nick: " + xml);
            assertEquals(GatewayFeatures.presenceFeatures(), RoomObserver.features(first), xml);
            assertTrue(xml.contains("{\"" + nick + "-a0\":{\"muted\":false}}") || xml.contains("{&quot;" + nick + "-a0&quot;"),
                    "SourceInfo for our audio source: " + xml);
            assertTrue(xml.contains("<header name='Jitsi-Conference-Room' value='presence'"), xml);

            // Jicofo asks the real JID what we support and then offers audio only
            final String gateway = focus.awaitGateway();
            assertEquals(nick, gateway);
            final DiscoverInfo info = focus.discoInfo(focus.realJidOf(nick));
            for (String f : GatewayFeatures.discoFeatures(false)) {
                assertTrue(info.containsFeature(f), "disco#info has " + f);
            }
            for (String f : List.of("urn:xmpp:jingle:apps:rtp:video", "http://jitsi.org/json-encoded-sources",
                    GatewayFeatures.OPUS_RED)) {
                assertFalse(info.containsFeature(f), "disco#info must not have " + f);
            }

            phone.setStatus(CallStatus.CONNECTING);
            phone.setStatus(CallStatus.CONNECTED);
            alice.await(nick, p -> CallStatus.CONNECTED.equals(p.getStatus()), WAIT);
            assertEquals(List.of(CallStatus.INITIALIZING, CallStatus.CONNECTING, CallStatus.CONNECTED), alice.statusSequence(nick));
            assertTrue(events.counts.contains(2), "focus and alice counted: " + events);

            phone.close();
            alice.await(nick, p -> p.getType() == Presence.Type.unavailable, WAIT);
            assertEquals(List.of(CallStatus.INITIALIZING, CallStatus.CONNECTING, CallStatus.CONNECTED, CallStatus.DISCONNECTED),
                    alice.statusSequence(nick), "Disconnected shown before leaving");
            assertEquals(EndReason.HANGUP, events.endReason);
            assertEquals(1, events.ended.size(), "ended reported once");
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    @Test
    void passwordRoomJoinsWithThePasswordAndRefusesClearlyWithout() throws Exception {
        try (FocusPeer focus = focus("locked", new RoomSetup("s3cret", false))) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            assertRefused(ParticipantSpec.of("locked", "Bob"), EndReason.JOIN_REFUSED, "password-protected and no password");
            assertRefused(ParticipantSpec.of("locked", "Bob").withPassword("wrong"), EndReason.JOIN_REFUSED, "wrong password");
            final ParticipantEvents events = new ParticipantEvents();
            try (ConferenceParticipant phone = new ConferenceParticipant(server(),
                    ParticipantSpec.of("locked", "Bob").withPassword("s3cret"), new RecordingMedia(), events)) {
                phone.join().get(30, TimeUnit.SECONDS);
                assertEquals(phone.endpointId(), focus.awaitGateway());
            }
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    @Test
    void accountLoginOnAnotherDomainThanTheConferenceAndLoginFailuresNameTheReason() throws Exception {
        try (FocusPeer focus = focus("trusted", RoomSetup.OPEN)) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            // the conference domain is meet.example; the login is a full JID on localhost (a trusted auth domain)
            final XmppServerConfig account = new XmppServerConfig("127.0.0.1", openfire.options().xmppPort(), "meet.example",
                    "conference.localhost", "admin@localhost", "admin", TlsPolicy.DISABLED, Duration.ofSeconds(10), null);
            try (ConferenceParticipant phone = new ConferenceParticipant(account, ParticipantSpec.of("trusted", "Carol"),
                    new RecordingMedia(), new ParticipantEvents())) {
                phone.join().get(30, TimeUnit.SECONDS);
                focus.awaitGateway();
                assertTrue(focus.realJidOf(phone.endpointId()).toString().startsWith("admin@localhost/"),
                        "the focus sees the account's real JID");
            }
            final ConferenceFailure badPassword = joinFailure(server().withLogin("admin", "nope"), ParticipantSpec.of("trusted", "x"));
            assertEquals(EndReason.CONNECTION_FAILED, badPassword.reason());
            assertTrue(badPassword.getMessage().contains("login as admin") && badPassword.getMessage().contains("not-authorized"),
                    badPassword.getMessage());
            final XmppServerConfig nobody = new XmppServerConfig("127.0.0.1", FreePorts.udpAndTcp(), "localhost", "", "", "",
                    TlsPolicy.DISABLED, Duration.ofSeconds(5), null);
            final ConferenceFailure refused = joinFailure(nobody, ParticipantSpec.of("trusted", "x"));
            assertTrue(refused.getMessage().contains("cannot connect to 127.0.0.1:" + nobody.port()), refused.getMessage());
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    @Test
    void kickedOrRoomDestroyedIsReportedAndCleanedUp() throws Exception {
        try (FocusPeer focus = focus("kick", RoomSetup.OPEN)) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final ParticipantEvents events = new ParticipantEvents();
            final RecordingMedia media = new RecordingMedia();
            try (ConferenceParticipant phone = new ConferenceParticipant(server(), ParticipantSpec.of("kick", "Dan"), media, events)) {
                phone.join().get(30, TimeUnit.SECONDS);
                focus.kick(focus.awaitGateway(), "bye");
                events.await("kicked", () -> events.endReason != null, WAIT);
                assertEquals(EndReason.KICKED, events.endReason);
                assertTrue(events.ended.get(0).contains("bye"), events.toString());
                assertEquals(1, media.closes.get(), "media closed");
            }
            final ParticipantEvents second = new ParticipantEvents();
            try (ConferenceParticipant phone = new ConferenceParticipant(server(), ParticipantSpec.of("kick", "Dan"),
                    new RecordingMedia(), second)) {
                phone.join().get(30, TimeUnit.SECONDS);
                focus.muc().destroy("meeting over", null);
                second.await("room destroyed", () -> second.endReason != null, WAIT);
                assertEquals(EndReason.ROOM_DESTROYED, second.endReason);
                assertTrue(second.ended.get(0).contains("meeting over"), second.toString());
            }
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    private static void assertRefused(ParticipantSpec spec, EndReason reason, String text) throws Exception {
        final ConferenceFailure f = joinFailure(server(), spec);
        assertEquals(reason, f.reason(), f.getMessage());
        assertTrue(f.getMessage().contains(text), f.getMessage());
    }

    static ConferenceFailure joinFailure(XmppServerConfig server, ParticipantSpec spec) throws Exception {
        final ParticipantEvents events = new ParticipantEvents();
        try (ConferenceParticipant phone = new ConferenceParticipant(server, spec, new RecordingMedia(), events)) {
            phone.join().get(30, TimeUnit.SECONDS);
            throw new AssertionError("join should have failed");
        } catch (ExecutionException e) {
            assertEquals(1, events.ended.size(), "the listener heard the failure once: " + events);
            return (ConferenceFailure) e.getCause();
        }
    }
}
