package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.transport.BridgeTransport;
import org.sipgateway.testkit.audio.SignalAnalysis;

/** The whole media path in process: 3 Opus speakers over SRTP in, PCMU out on UDP, and the phone's voice back up. */
class MediaSessionIT {
    private static final int CALLER_SSRC = 0x5151;
    private static final double[] SPEAKER_TONES = { 440, 1000, 1700 };
    private static final double SPEAKER_AMPLITUDE = 0.15;
    private static final double PHONE_TONE = 800;

    @ParameterizedTest(name = "Opus via {0}")
    @EnumSource(value = OpusImplementation.class, names = { "NATIVE", "JAVA" })
    void threeSpeakersReachThePhoneAndThePhoneReachesTheBridge(OpusImplementation opus) throws Exception {
        MediaConfig config = MediaConfig.loopback().withOpusImplementation(opus);
        ScheduledExecutorService peers = Executors.newSingleThreadScheduledExecutor();
        try (MediaEngine engine = new MediaEngine(config); TestBridge bridge = new TestBridge(opus); TestSipPhone phone = new TestSipPhone()) {
            for (int i = 0; i < 3; i++)
                bridge.addSpeaker(1000 + i, SPEAKER_TONES[i], SPEAKER_AMPLITUDE, i == 0); // the first one in RED
            CallRecorder events = new CallRecorder();
            MediaSession session = engine.createSession(SipLegParams.of(AudioCodec.PCMU, 101, phone.address()),
                BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), CALLER_SSRC), events);
            int port = session.sipLocalPort();
            phone.sendTo(session.sipLocalAddress());
            bridge.start(session.localBridgeDescription());
            session.start();
            assertTrue(events.connected.await(Await.GENEROUS.toSeconds(), TimeUnit.SECONDS), "bridge connected: " + events.failures + bridge.failures);

            int heardBefore = phone.heard().length; // silence until the peers send
            peers.scheduleAtFixedRate(() -> {
                bridge.sendFrame();
                try { phone.sendTone(PHONE_TONE, 0.3); } catch (java.io.IOException ignored) { }
            }, 0, 20, TimeUnit.MILLISECONDS);
            // the three conference tones at the phone, each at its level (RED unwrapped, mixed without clipping), and the
            // phone's tone at the bridge at its level, over the last second: a loaded machine that starves the peers for
            // a moment only makes this take longer
            Await.until("the conference at the phone and the caller at the bridge, each tone at its level",
                () -> audioProblem(phone, heardBefore, bridge) == null, () -> audioProblem(phone, heardBefore, bridge) + " " + session.stats());
            short[] heard = phone.heard();
            assertTrue(SignalAnalysis.goertzelAmplitude(heard, heard.length - 8000, heard.length, PHONE_TONE, 8000) < 0.01,
                "no echo of the phone's own voice");

            // bridge side: the phone's tone as Opus from the announced SSRC, with audio level and mid
            int level = bridge.audioLevels.get(bridge.audioLevels.size() - 1);
            assertEquals(13, level, 2, "RFC 6464 level of a 0.3 sine is about -13 dBov");
            assertEquals("audio", bridge.mids.get(0));

            // RFC 4733 both ways
            session.sendDtmfToSip('7', 100);
            phone.sendDigit('3');
            Await.until("a digit each way", () -> !phone.digitsHeard.isEmpty() && !events.digits.isEmpty(),
                () -> "phone heard " + phone.digitsHeard + ", gateway reported " + events.digits);
            assertEquals(java.util.List.of('7'), phone.digitsHeard, "digit reached the phone once");
            assertEquals(java.util.List.of('3'), events.digits, "phone's digit reported once");

            // RTCP sender reports on both sides (the first after 1 s, then every 5 s): reception blocks about what each peer sends
            // the first after 1 s of the call, then every 5 s; under load the phone may not have sent yet when the first goes out
            Await.until("an SR about the phone's stream on RTP port + 1, and an SRTCP SR with one block per speaker at the bridge",
                () -> phone.reports.stream().anyMatch(r -> r.packetType() == 200 && r.blocks().stream().anyMatch(b -> b.ssrc() == 777))
                    && bridge.reports.stream().anyMatch(r -> r.senderSsrc() == CALLER_SSRC && r.blocks().size() == 3),
                () -> "phone got " + phone.reports + ", bridge got " + bridge.reports);
            // the phone answered the SR with an RR echoing it (LSR/DLSR): the gateway measured the round trip from it
            Await.until("a round trip from the phone's RR", () -> session.stats().sip().roundTripMillis() >= 0,
                () -> session.stats().toString());
            assertTrue(bridge.reports.stream().flatMap(r -> r.blocks().stream()).allMatch(b -> b.fractionLost() == 0), "no loss on loopback");

            MediaStats stats = session.stats();
            assertEquals(0.0, stats.sip().remoteReportedLoss(), "phone's RR: no loss");
            System.out.printf("RTCP round trip to the phone on loopback: %.2f ms (measured in bench/media)%n", stats.sip().roundTripMillis());
            assertEquals(3, stats.speakers());
            assertTrue(stats.sip().packetsReceived() > 100 && stats.sip().packetsSent() > 100, stats.toString());
            assertTrue(stats.bridge().packetsReceived() > 300 && stats.bridge().packetsSent() > 50, stats.toString());
            assertTrue(events.failures.isEmpty() && events.timeouts.isEmpty(), events.failures + " " + events.timeouts);

            peers.shutdownNow();
            peers.awaitTermination(1, TimeUnit.SECONDS);
            session.close();
            assertEquals(0, engine.activeSessions());
            assertEquals(0, engine.ports().inUse());
            try (DatagramSocket again = new DatagramSocket(port, InetAddress.getByName("127.0.0.1"))) {
                assertEquals(port, again.getLocalPort(), "RTP port free again after close");
            }
            bridge.close();
            assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(BridgeTransport.THREAD_PREFIX)),
                "no bridge transport thread left");
        } finally {
            peers.shutdownNow();
        }
    }

    @ParameterizedTest(name = "SIP side {0}")
    @CsvSource({ "G722,9", "PCMA,8", "OPUS,96" })
    void otherSipCodecsCarryTheConferenceAtTheirRate(AudioCodec codec, int payloadType) throws Exception {
        ScheduledExecutorService peers = Executors.newSingleThreadScheduledExecutor();
        try (MediaEngine engine = new MediaEngine(MediaConfig.loopback()); TestBridge bridge = new TestBridge(OpusImplementation.AUTO);
            TestSipPhone phone = new TestSipPhone(codec, payloadType)) {
            double speakerTone = codec == AudioCodec.PCMA ? 1000 : 5000; // above narrowband for G.722 and Opus
            bridge.addSpeaker(3000, speakerTone, 0.2, true);
            CallRecorder events = new CallRecorder();
            MediaSession session = engine.createSession(new SipLegParams(codec, payloadType, 101, 20, phone.address()),
                BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), CALLER_SSRC), events);
            phone.sendTo(session.sipLocalAddress());
            bridge.start(session.localBridgeDescription());
            session.start();
            assertTrue(events.connected.await(Await.GENEROUS.toSeconds(), TimeUnit.SECONDS), "bridge connected: " + events.failures);
            int heardBefore = phone.heard().length; // silence until the peers send
            peers.scheduleAtFixedRate(() -> {
                bridge.sendFrame();
                try { phone.sendTone(PHONE_TONE, 0.3); } catch (java.io.IOException ignored) { }
            }, 0, 20, TimeUnit.MILLISECONDS);
            int rate = phone.sampleRate();
            Await.until(codec + ": the conference tone at the phone and the caller's at the bridge, each at its level",
                () -> codecProblem(phone, heardBefore, speakerTone, bridge) == null,
                () -> codecProblem(phone, heardBefore, speakerTone, bridge) + " " + session.stats());
            peers.shutdownNow();
            session.close();
        } finally {
            peers.shutdownNow();
        }
    }

    /** For another SIP codec: what is still wrong with the last 0.5 s each way, or null when both tones are there. */
    private static String codecProblem(TestSipPhone phone, int heardBefore, double speakerTone, TestBridge bridge) {
        int rate = phone.sampleRate();
        short[] heard = phone.heard();
        if (heard.length < heardBefore + rate * 2)
            return "the phone heard " + (heard.length - heardBefore) + " samples of the conference (2 s needed)";
        double dominant = SignalAnalysis.dominantFrequency(heard, heard.length - rate / 2, heard.length, rate);
        double amplitude = SignalAnalysis.goertzelAmplitude(heard, heard.length - rate / 2, heard.length, speakerTone, rate);
        if (Math.abs(dominant - speakerTone) > 10 || Math.abs(amplitude - 0.2) > 0.04)
            return "at the phone: " + dominant + " Hz, " + speakerTone + " Hz at " + amplitude + " (0.2 expected)";
        short[] up = bridge.receivedAudio(CALLER_SSRC);
        if (up.length < 48000)
            return "the bridge got " + up.length + " samples of the caller (1 s needed)";
        double upDominant = SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000);
        return Math.abs(upDominant - PHONE_TONE) > 5 ? "the caller at the bridge: " + upDominant + " Hz, not " + PHONE_TONE : null;
    }

    /** What is still wrong with the audio of the last second each way, or null when all tones are there at their levels. */
    private static String audioProblem(TestSipPhone phone, int heardBefore, TestBridge bridge) {
        short[] heard = phone.heard();
        if (heard.length < heardBefore + 8000 * 2)
            return "the phone heard " + (heard.length - heardBefore) + " samples of the conference (2 s needed)";
        // median over 200 ms windows of the last second: one scheduling hiccup on a loaded machine does not decide
        double[] amplitudes = new double[3];
        for (int i = 0; i < 3; i++)
            amplitudes[i] = medianAmplitude(heard, SPEAKER_TONES[i], 8000);
        for (int i = 0; i < 3; i++)
            if (Math.abs(amplitudes[i] - SPEAKER_AMPLITUDE) > 0.03)
                return SPEAKER_TONES[i] + " Hz at the phone is at " + amplitudes[i] + ", not " + SPEAKER_AMPLITUDE + ": "
                    + java.util.Arrays.toString(amplitudes);
        short[] up = bridge.receivedAudio(CALLER_SSRC);
        if (up.length < 48000)
            return "the bridge got " + up.length + " samples of the caller (1 s needed)";
        double dominant = SignalAnalysis.dominantFrequency(up, up.length - 48000, up.length, 48000);
        double dbfs = SignalAnalysis.dbfs(up, up.length - 48000, up.length);
        if (Math.abs(dominant - PHONE_TONE) > 5 || Math.abs(dbfs - 20 * Math.log10(0.3)) > 2.0)
            return "the caller at the bridge: " + dominant + " Hz at " + dbfs + " dBFS, not " + PHONE_TONE + " Hz at "
                + 20 * Math.log10(0.3);
        return null;
    }

    /** Median tone amplitude over five 200 ms windows of the last second. */
    static double medianAmplitude(short[] pcm, double frequency, int rate) {
        double[] a = new double[5];
        int window = rate / 5;
        for (int w = 0; w < 5; w++) {
            int end = pcm.length - w * window;
            a[w] = SignalAnalysis.goertzelAmplitude(pcm, end - window, end, frequency, rate);
        }
        java.util.Arrays.sort(a);
        return a[2];
    }
}
