package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipgateway.conference.ConferenceListener.EndReason;
import org.sipgateway.media.MediaConfig;
import org.sipgateway.media.MediaEngine;
import org.sipgateway.media.TestSipPhone;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.FocusPeer.RoomSetup;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.jitsi.ParticipantEvents;
import org.sipgateway.testkit.jitsi.RoomObserver;
import org.sipgateway.testkit.jitsi.SessionBackedMedia;
import org.sipgateway.testkit.jitsi.ThreadCheck;
import org.sipgateway.testkit.prosody.ProsodyFixture;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * The participant against a remote, prosody-backed deployment laid out as Jitsi's: conferences on meet.test,
 * accounts of trusted components on auth.meet.test, MUC conference.meet.test.
 */
class ProsodyConferenceIT {
    private static final String DOMAIN = "meet.test";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ProsodyFixture prosody;

    @BeforeAll
    static void startProsody() throws Exception {
        prosody = ProsodyFixture.start("conference", DOMAIN, Map.of("focus", "focuspw", "jigasi", "jigasipw"));
    }

    @AfterAll
    static void stopProsody() {
        if (prosody != null) {
            prosody.close();
        }
    }

    private static FocusPeer focus(String room, RoomSetup setup) throws Exception {
        return FocusPeer.createRoom(TestXmppClient.login("auth." + DOMAIN, prosody.port(), "focus", "focuspw", "focus-" + room),
                room + "@" + prosody.mucService(), setup);
    }

    private static XmppServerConfig server(String user, String password) {
        return new XmppServerConfig("127.0.0.1", prosody.port(), DOMAIN, "", user, password, TlsPolicy.DISABLED,
                Duration.ofSeconds(10), null);
    }

    @Test
    void trustedAccountJoinsAnswersTheFocusAndCarriesAudioBothWays() throws Exception {
        try (FocusPeer focus = focus("remote1", RoomSetup.OPEN)) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            try (MediaEngine engine = new MediaEngine(MediaConfig.loopback()); TestSipPhone phone = new TestSipPhone();
                    JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO)) {
                jvb.addSpeaker(1001, 440, 0.15, false);
                final ParticipantEvents events = new ParticipantEvents();
                final SessionBackedMedia media = new SessionBackedMedia(engine, phone.address());
                final ScheduledPhone talking = new ScheduledPhone(phone);
                try (ConferenceParticipant participant = new ConferenceParticipant(server("jigasi@auth." + DOMAIN, "jigasipw"),
                        ParticipantSpec.of("remote1", "+4930123456").withMaskedDigits(true), media, events)) {
                    participant.join().get(30, TimeUnit.SECONDS);
                    final String nick = focus.awaitGateway();
                    assertTrue(focus.realJidOf(nick).toString().startsWith("jigasi@auth." + DOMAIN + "/"),
                            "logged in on the trusted auth domain, joined the conference domain's MUC");
                    final Presence p = focus.observer().await(nick, x -> x.getType() == Presence.Type.available, WAIT);
                    assertEquals(CallStatus.INITIALIZING, p.getStatus());
                    assertEquals(org.sipgateway.conference.GatewayFeatures.presenceFeatures(), RoomObserver.features(p));
                    assertTrue(focus.discoInfo(focus.realJidOf(nick)).containsFeature(GatewayFeatures.JIGASI));

                    final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                            List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
                    phone.sendTo(media.session().sipLocalAddress());
                    jvb.connect(call.gatewayTransport());
                    events.await("media connected", () -> !events.mediaConnected.isEmpty(), WAIT);
                    assertTrue(jvb.awaitConnected(15_000));
                    participant.setStatus(CallStatus.CONNECTED);
                    jvb.startSending();
                    talking.start(800);
                    Thread.sleep(2000);
                    final short[] heard = phone.heard();
                    final double[] a = new double[5];
                    for (int i = 0; i < 5; i++) {
                        a[i] = SignalAnalysis.goertzelAmplitude(heard, heard.length - (i + 1) * 800, heard.length - i * 800, 440, 8000);
                    }
                    Arrays.sort(a);
                    assertEquals(0.15, a[2], 0.05, "the bridge's speaker at the phone: " + Arrays.toString(a));
                    final short[] up = jvb.bridge().receivedAudio((int) call.gatewaySource().getSSRC());
                    assertTrue(up.length > 48000, "caller audio at the bridge: " + up.length);
                    assertEquals(800, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 5);
                    focus.observer().await(nick, x -> CallStatus.CONNECTED.equals(x.getStatus()), WAIT);

                    call.terminate("success", "bye");
                    events.await("ended", () -> events.endReason != null, WAIT);
                    assertEquals(EndReason.SESSION_TERMINATED, events.endReason);
                } finally {
                    talking.stop();
                }
                assertEquals(0, engine.activeSessions());
            }
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    @Test
    void anonymousLoginPasswordRoomAndBadAccountOnProsody() throws Exception {
        try (FocusPeer focus = focus("remote2", new RoomSetup("pin1234", false))) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final ConferenceFailure noPassword = ConferenceParticipantIT.joinFailure(server("", ""),
                    ParticipantSpec.of("remote2", "Kim"));
            assertEquals(EndReason.JOIN_REFUSED, noPassword.reason());
            assertTrue(noPassword.getMessage().contains("password-protected"), noPassword.getMessage());
            try (ConferenceParticipant phone = new ConferenceParticipant(server("", ""),
                    ParticipantSpec.of("remote2", "Kim").withPassword("pin1234"), new org.sipgateway.testkit.jitsi.RecordingMedia(),
                    new ParticipantEvents())) {
                phone.join().get(30, TimeUnit.SECONDS);
                final String nick = focus.awaitGateway();
                assertTrue(focus.realJidOf(nick).getDomain().toString().equals(DOMAIN), "anonymous JID on " + DOMAIN);
            }
            final ConferenceFailure badLogin = ConferenceParticipantIT.joinFailure(server("jigasi@auth." + DOMAIN, "wrong"),
                    ParticipantSpec.of("remote2", "Kim"));
            assertEquals(EndReason.CONNECTION_FAILED, badLogin.reason());
            assertTrue(badLogin.getMessage().contains("login as jigasi@auth." + DOMAIN), badLogin.getMessage());
            final ConferenceFailure noTls = ConferenceParticipantIT.joinFailure(server("", "").withTls(TlsPolicy.REQUIRED),
                    ParticipantSpec.of("remote2", "Kim"));
            assertEquals(EndReason.CONNECTION_FAILED, noTls.reason());
            assertTrue(noTls.getMessage().contains("TLS is required"), noTls.getMessage());
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    @Test
    void serverGoingAwayEndsTheParticipantWithConnectionLost() throws Exception {
        try (ProsodyFixture own = ProsodyFixture.start("going-away", DOMAIN, Map.of("focus", "focuspw"))) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final ParticipantEvents events = new ParticipantEvents();
            final XmppServerConfig server = new XmppServerConfig("127.0.0.1", own.port(), DOMAIN, "", "", "",
                    TlsPolicy.DISABLED, Duration.ofSeconds(10), null);
            try (ConferenceParticipant phone = new ConferenceParticipant(server, ParticipantSpec.of("gone", "Lee"),
                    new org.sipgateway.testkit.jitsi.RecordingMedia(), events)) {
                phone.join().get(30, TimeUnit.SECONDS);
                own.close();
                events.await("connection lost", () -> events.endReason != null, WAIT);
                assertEquals(EndReason.CONNECTION_LOST, events.endReason);
            }
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    /** The phone talking: an 800 Hz tone every 20 ms on its own timer. */
    private static final class ScheduledPhone {
        private final TestSipPhone phone;
        private final java.util.concurrent.ScheduledExecutorService clock = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();

        ScheduledPhone(TestSipPhone phone) {
            this.phone = phone;
        }

        void start(double frequency) {
            clock.scheduleAtFixedRate(() -> {
                try {
                    phone.sendTone(frequency, 0.3);
                } catch (java.io.IOException ignored) {
                    // the next packet tries again
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            clock.shutdownNow();
            clock.awaitTermination(2, TimeUnit.SECONDS);
        }
    }
}
