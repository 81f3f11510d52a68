package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * A phone calls into a Jitsi Meet room through the plugin running in a real Openfire: baresip dials
 * the gateway, the gateway joins the room, the focus test peer offers the bridge test peer's real
 * ICE/DTLS-SRTP transport, and tones are checked at both ends for every SIP codec.
 */
class DialInIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final double SPEAKER_LEVEL = 0.15;
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in")
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.room-from-request-uri", "true"));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PCMU/8000/1", "PCMA/8000/1", "G722/16000/1", "opus/48000/2"})
    void callerHearsTheConferenceAndTheConferenceHearsTheCaller(String codec, TestInfo info) throws Exception {
        final String roomName = "dialin" + codec.substring(0, codec.indexOf('/')).toLowerCase();
        final RunDir run = RunDir.create(info.getDisplayName());
        try (FocusPeer focus = FocusPeer.createRoom(admin(), roomName + "@conference.localhost", FocusPeer.RoomSetup.OPEN);
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Baresip alice = Baresip.builder(run, "alice").codecs(codec).tone(1000).start()) {
            jvb.addSpeaker(1001, 440, SPEAKER_LEVEL, false);
            alice.command("dial", "sip:" + roomName + "@127.0.0.1:" + openfire.sipPort());

            final String nick = focus.awaitGateway();
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                    List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
            jvb.connect(call.gatewayTransport());
            assertTrue(jvb.awaitConnected(20_000), "ICE and DTLS between the gateway and the bridge");
            jvb.startSending();
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);

            final int caller = (int) call.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedAudio(caller).length > 3 * 48000),
                    "three seconds of the caller reach the bridge");
            final short[] up = jvb.bridge().receivedAudio(caller);
            assertEquals(1000, SignalAnalysis.dominantFrequency(up, up.length - 48000, up.length, 48000), 10,
                    "the caller's 1 kHz tone arrives at the bridge as Opus");
            final List<String> statuses = focus.observer().statusSequence(nick);
            assertTrue(statuses.indexOf("Initializing Call") >= 0
                    && statuses.indexOf("Initializing Call") < statuses.indexOf("Connected"),
                    "presence goes Initializing Call -> Connected: " + statuses);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> alice.heardSecondsSoFar() > 3.5),
                    "baresip records what it hears: " + alice.heardSecondsSoFar() + " s");

            alice.command("hangup", "");
            alice.awaitEvent("CALL_CLOSED", WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> !focus.observer().muc().getOccupants().stream()
                    .anyMatch(o -> o.getResourceOrEmpty().toString().equals(nick))), "the participant left the room");

            final WavFile.Audio heard = alice.heardAudio();
            final int rate = heard.sampleRate();
            final short[] pcm = heard.samples();
            assertTrue(pcm.length > 3 * rate, "baresip recorded the call: " + pcm.length + " samples at " + rate + " Hz");
            final int end = pcm.length - rate / 4; // the last second before the hangup
            assertEquals(440, SignalAnalysis.dominantFrequency(pcm, end - rate, end, rate), 10,
                    "the conference's 440 Hz speaker is heard on the phone");
        }
    }

    @org.junit.jupiter.api.Test
    void twoCallersInOneRoomHearTheConferenceAndEachOther(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (FocusPeer focus = FocusPeer.createRoom(admin(), "twocallers@conference.localhost", FocusPeer.RoomSetup.OPEN);
                JvbPeer jvbA = new JvbPeer(OpusImplementation.AUTO);
                JvbPeer jvbB = new JvbPeer(OpusImplementation.AUTO);
                Baresip alice = Baresip.builder(run, "alice").codecs("PCMU/8000/1").tone(1000).start();
                Baresip bob = Baresip.builder(run, "bob").codecs("PCMU/8000/1").tone(600).start()) {
            jvbA.addSpeaker(1001, 440, SPEAKER_LEVEL, false);
            jvbB.addSpeaker(1001, 440, SPEAKER_LEVEL, false);
            final String uri = "sip:twocallers@127.0.0.1:" + openfire.sipPort();
            alice.command("dial", uri);
            final String nickA = focus.awaitGateway();
            final FocusCall callA = focus.offer(nickA, false, jvbA.endpoint(), List.of(BridgeSource.jvb(999),
                    BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001), BridgeSource.speaker(focus.roomJid(), "bob", 2002)));
            bob.command("dial", uri);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> focus.observer().gatewaysSeen().size() == 2), "bob's gateway joined");
            final String nickB = focus.observer().gatewaysSeen().stream().filter(n -> !n.equals(nickA)).findFirst().orElseThrow();
            final FocusCall callB = focus.offer(nickB, false, jvbB.endpoint(), List.of(BridgeSource.jvb(999),
                    BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001), BridgeSource.speaker(focus.roomJid(), "alice", 2001)));
            // the bridge forwards each caller's voice to the other
            jvbA.addRelaySpeaker(2002, jvbB, callB.gatewaySource().getSSRC());
            jvbB.addRelaySpeaker(2001, jvbA, callA.gatewaySource().getSSRC());
            jvbA.connect(callA.gatewayTransport());
            jvbB.connect(callB.gatewayTransport());
            assertTrue(jvbA.awaitConnected(20_000) && jvbB.awaitConnected(20_000), "both bridge legs connected");
            jvbA.startSending();
            jvbB.startSending();
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            bob.awaitEvent("CALL_ESTABLISHED", WAIT);
            final int callerB = (int) callB.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvbB.bridge().receivedAudio(callerB).length > 4 * 48000));
            alice.command("hangup", "");
            bob.command("hangup", "");
            alice.awaitEvent("CALL_CLOSED", WAIT);
            bob.awaitEvent("CALL_CLOSED", WAIT);

            assertHears(alice.heardAudio(), "alice", 440, 600);
            assertHears(bob.heardAudio(), "bob", 440, 1000);
        }
    }

    /** Both tones are clearly present in the last second, and a tone nobody sent is not. */
    private static void assertHears(WavFile.Audio heard, String who, double conference, double otherCaller) {
        final short[] pcm = heard.samples();
        final int rate = heard.sampleRate();
        final int end = pcm.length - rate / 4;
        final double c = SignalAnalysis.goertzelAmplitude(pcm, end - rate, end, conference, rate);
        final double o = SignalAnalysis.goertzelAmplitude(pcm, end - rate, end, otherCaller, rate);
        final double none = SignalAnalysis.goertzelAmplitude(pcm, end - rate, end, 1700, rate);
        assertTrue(c > 0.05, who + " hears the conference (" + conference + " Hz): " + c);
        assertTrue(o > 0.05, who + " hears the other caller (" + otherCaller + " Hz): " + o);
        assertTrue(none < 0.02, who + ": no tone at 1700 Hz: " + none);
    }


    private static TestXmppClient admin() throws Exception {
        return TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword());
    }
}
