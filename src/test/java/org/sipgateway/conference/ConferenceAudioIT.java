package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.sipgateway.testkit.jitsi.SessionBackedMedia;
import org.sipgateway.testkit.jitsi.ThreadCheck;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * Audio both ways through the conference leg: the focus test peer's offer carries the bridge test peer's real
 * ICE/DTLS transport, the participant hands it to a real media session, and tones are checked at both ends.
 */
class ConferenceAudioIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final double LEVEL = 0.15;
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("audio").pluginJar(null));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void speakersReachThePhoneThePhoneReachesTheBridgeAcrossSourceChangesAndMigration() throws Exception {
        final ScheduledExecutorService phoneClock = Executors.newSingleThreadScheduledExecutor();
        try (FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login("localhost", openfire.options().xmppPort(),
                "admin", "admin"), "audio@conference.localhost", RoomSetup.OPEN)) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            try (MediaEngine engine = new MediaEngine(MediaConfig.loopback());
                    TestSipPhone phone = new TestSipPhone();
                    JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO)) {
                final String room = focus.roomJid();
                jvb.addSpeaker(1001, 440, LEVEL, false);
                jvb.addSpeaker(1002, 1000, LEVEL, false);
                final ParticipantEvents events = new ParticipantEvents();
                final SessionBackedMedia media = new SessionBackedMedia(engine, phone.address());
                final XmppServerConfig server = new XmppServerConfig("127.0.0.1", openfire.options().xmppPort(), "localhost",
                        "", "", "", TlsPolicy.DISABLED, Duration.ofSeconds(10), null)
                        .withFocusJids(java.util.Set.of(openfire.focusJid()));
                try (ConferenceParticipant participant = new ConferenceParticipant(server, ParticipantSpec.of("audio", "Gina"),
                        media, events)) {
                    participant.join().get(30, TimeUnit.SECONDS);
                    final String nick = focus.awaitGateway();
                    final FocusCall call = focus.offer(nick, false, jvb.endpoint(), List.of(BridgeSource.jvb(999),
                            BridgeSource.speaker(room, "aaaa0001", 1001), BridgeSource.speaker(room, "aaaa0002", 1002)));
                    phone.sendTo(media.session().sipLocalAddress());
                    jvb.connect(call.gatewayTransport());
                    events.await("media connected", () -> !events.mediaConnected.isEmpty(), WAIT);
                    assertTrue(jvb.awaitConnected(15_000), "the bridge side connected");
                    jvb.startSending();
                    phoneClock.scheduleAtFixedRate(() -> {
                        try {
                            phone.sendTone(800, 0.3);
                        } catch (java.io.IOException ignored) {
                            // the next packet tries again
                        }
                    }, 0, 20, TimeUnit.MILLISECONDS);
                    Thread.sleep(2000);

                    assertHeard(phone, 440, LEVEL, "speaker 1");
                    assertHeard(phone, 1000, LEVEL, "speaker 2");
                    final int caller = (int) call.gatewaySource().getSSRC();
                    final short[] up = jvb.bridge().receivedAudio(caller);
                    assertTrue(up.length > 48000, "the bridge got over 1 s of the caller on the announced SSRC: " + up.length);
                    assertEquals(800, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 5);

                    // a new speaker joins (source-add) and is heard; then leaves (source-remove) and is gone
                    final BridgeSource third = BridgeSource.speaker(room, "aaaa0003", 1003);
                    jvb.addSpeaker(1003, 1700, LEVEL, false);
                    call.sourceAdd(List.of(third));
                    Thread.sleep(1500);
                    assertHeard(phone, 1700, LEVEL, "the speaker added by source-add");
                    call.sourceRemove(List.of(third));
                    Thread.sleep(1000);
                    assertTrue(lastHalfSecond(phone, 1700) < 0.02, "removed speaker silent: " + lastHalfSecond(phone, 1700));

                    // bridge migration: audio flows on the new transport within 1 s
                    final var accepted = call.transportReplace(jvb.prepareMigration());
                    final int before = jvb.bridge().receivedPackets(caller);
                    final long switched = System.nanoTime();
                    jvb.completeMigration(accepted);
                    events.await("uplink on the new transport", () -> jvb.bridge().receivedPackets(caller) > before + 10,
                            Duration.ofSeconds(5));
                    final long millis = (System.nanoTime() - switched) / 1_000_000;
                    assertTrue(millis < 1000, "audio back within 1 s of the migration, took " + millis + " ms");
                    Thread.sleep(1000);
                    assertHeard(phone, 440, LEVEL, "speaker 1 after migration");

                    call.terminate("success", "meeting ended");
                    events.await("ended", () -> events.endReason != null, WAIT);
                    assertEquals(EndReason.SESSION_TERMINATED, events.endReason);
                    assertEquals(0, engine.activeSessions(), "media session closed");
                }
                phoneClock.shutdownNow();
            }
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        } finally {
            phoneClock.shutdownNow();
        }
    }

    @Test
    void redSpeakersAreHeardWhenTheParticipantAsksForRed() throws Exception {
        final ScheduledExecutorService phoneClock = Executors.newSingleThreadScheduledExecutor();
        try (FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login("localhost", openfire.options().xmppPort(),
                "admin", "admin", "focus-red"), "audiored@conference.localhost", RoomSetup.OPEN);
                MediaEngine engine = new MediaEngine(MediaConfig.loopback());
                TestSipPhone phone = new TestSipPhone();
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO)) {
            jvb.addSpeaker(2001, 440, LEVEL, true); // RED 112 around Opus 111 (RFC 2198)
            final ParticipantEvents events = new ParticipantEvents();
            final SessionBackedMedia media = new SessionBackedMedia(engine, phone.address());
            final XmppServerConfig server = new XmppServerConfig("127.0.0.1", openfire.options().xmppPort(), "localhost",
                    "", "", "", TlsPolicy.DISABLED, Duration.ofSeconds(10), null)
                    .withFocusJids(java.util.Set.of(openfire.focusJid()));
            try (ConferenceParticipant participant = new ConferenceParticipant(server,
                    ParticipantSpec.of("audiored", "Hugo").withOpusRed(true), media, events)) {
                participant.join().get(30, TimeUnit.SECONDS);
                final FocusCall call = focus.offer(focus.awaitGateway(), true, jvb.endpoint(),
                        List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "bbbb0001", 2001)));
                assertEquals(112, events.offers.get(0).audio().redPayloadType());
                phone.sendTo(media.session().sipLocalAddress());
                jvb.connect(call.gatewayTransport());
                assertTrue(jvb.awaitConnected(15_000), "the bridge side connected");
                jvb.startSending();
                phoneClock.scheduleAtFixedRate(() -> {
                    try {
                        phone.sendTone(800, 0.3);
                    } catch (java.io.IOException ignored) {
                        // the next packet tries again
                    }
                }, 0, 20, TimeUnit.MILLISECONDS);
                Thread.sleep(2000);
                assertHeard(phone, 440, LEVEL, "the RED speaker, unwrapped");
                final short[] up = jvb.bridge().receivedAudio((int) call.gatewaySource().getSSRC());
                assertTrue(up.length > 48000, "caller audio at the bridge: " + up.length);
            } finally {
                phoneClock.shutdownNow();
            }
        }
    }

    private static double lastHalfSecond(TestSipPhone phone, double frequency) {
        final short[] heard = phone.heard();
        return SignalAnalysis.goertzelAmplitude(heard, Math.max(0, heard.length - 4000), heard.length, frequency, 8000);
    }

    /** The median tone amplitude over five 100 ms windows of the last half second (one scheduling hiccup does not decide). */
    private static void assertHeard(TestSipPhone phone, double frequency, double level, String what) {
        final short[] heard = phone.heard();
        assertTrue(heard.length > 8000, what + ": the phone heard over 1 s, got " + heard.length);
        final double[] a = new double[5];
        for (int i = 0; i < 5; i++) {
            final int to = heard.length - i * 800;
            a[i] = SignalAnalysis.goertzelAmplitude(heard, to - 800, to, frequency, 8000);
        }
        Arrays.sort(a);
        assertEquals(level, a[2], 0.05, what + " at " + frequency + " Hz: " + Arrays.toString(a));
    }
}
