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
            assertTrue(events.connected.await(15, TimeUnit.SECONDS), "bridge connected: " + events.failures + bridge.failures);

            int heardBefore = phone.heard().length; // silence until the peers send
            peers.scheduleAtFixedRate(() -> {
                bridge.sendFrame();
                try { phone.sendTone(PHONE_TONE, 0.3); } catch (java.io.IOException ignored) { }
            }, 0, 20, TimeUnit.MILLISECONDS);
            // 2.5 s of audio each way (and the first RTCP after 1 s); on a loaded machine the peers take longer to send it
            awaitAudio(phone, heardBefore + 8000 * 5 / 2, bridge, CALLER_SSRC, 48000 * 3 / 2);

            // SIP side: the three conference tones, each at its level (RED unwrapped, mixed without clipping)
            short[] heard = phone.heard();
            assertTrue(heard.length > 8000 * 2, "phone heard 2 s of audio, got " + heard.length);
            int from = heard.length - 8000, to = heard.length;
            // median over 200 ms windows of the last second: one scheduling hiccup on a loaded machine does not decide
            double[] amplitudes = new double[3];
            for (int i = 0; i < 3; i++)
                amplitudes[i] = medianAmplitude(heard, SPEAKER_TONES[i], 8000);
            String seen = java.util.Arrays.toString(amplitudes) + " " + session.stats();
            for (int i = 0; i < 3; i++)
                assertEquals(SPEAKER_AMPLITUDE, amplitudes[i], 0.03, SPEAKER_TONES[i] + " Hz at the phone: " + seen);
            assertTrue(SignalAnalysis.goertzelAmplitude(heard, from, to, PHONE_TONE, 8000) < 0.01, "no echo of the phone's own voice");

            // bridge side: the phone's tone as Opus from the announced SSRC, with audio level and mid
            short[] up = bridge.receivedAudio(CALLER_SSRC);
            assertTrue(up.length > 48000, "bridge got over 1 s of the caller, got " + up.length);
            assertEquals(PHONE_TONE, SignalAnalysis.dominantFrequency(up, up.length - 48000, up.length, 48000), 5);
            assertEquals(20 * Math.log10(0.3), SignalAnalysis.dbfs(up, up.length - 48000, up.length), 2.0, "caller level kept");
            int level = bridge.audioLevels.get(bridge.audioLevels.size() - 1);
            assertEquals(13, level, 2, "RFC 6464 level of a 0.3 sine is about -13 dBov");
            assertEquals("audio", bridge.mids.get(0));

            // RFC 4733 both ways
            session.sendDtmfToSip('7', 100);
            phone.sendDigit('3');
            long end = System.currentTimeMillis() + 3000;
            while ((phone.digitsHeard.isEmpty() || events.digits.isEmpty()) && System.currentTimeMillis() < end)
                Thread.sleep(20);
            assertEquals(java.util.List.of('7'), phone.digitsHeard, "digit reached the phone once");
            assertEquals(java.util.List.of('3'), events.digits, "phone's digit reported once");

            // RTCP sender reports on both sides (the first after 1 s, then every 5 s): reception blocks about what each peer sends
            long reportsBy = System.currentTimeMillis() + 8000;
            while (!(phone.reports.stream().anyMatch(r -> r.packetType() == 200 && r.blocks().stream().anyMatch(b -> b.ssrc() == 777))
                && bridge.reports.stream().anyMatch(r -> r.senderSsrc() == CALLER_SSRC && r.blocks().size() == 3))
                && System.currentTimeMillis() < reportsBy)
                Thread.sleep(20); // under load the phone may not have sent yet when the first report goes out
            assertTrue(phone.reports.stream().anyMatch(r -> r.packetType() == 200 && r.blocks().stream().anyMatch(b -> b.ssrc() == 777)),
                "phone got an SR about its stream on RTP port + 1: " + phone.reports);
            assertTrue(bridge.reports.stream().anyMatch(r -> r.senderSsrc() == CALLER_SSRC && r.blocks().size() == 3),
                "bridge got an SRTCP SR with one block per speaker: " + bridge.reports);
            assertTrue(bridge.reports.stream().flatMap(r -> r.blocks().stream()).allMatch(b -> b.fractionLost() == 0), "no loss on loopback");

            MediaStats stats = session.stats();
            assertEquals(0.0, stats.sip().remoteReportedLoss(), "phone's RR: no loss");
            assertTrue(stats.sip().roundTripMillis() >= 0 && stats.sip().roundTripMillis() < 200,
                "round trip from the phone's RR (LSR/DLSR): " + stats.sip().roundTripMillis());
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
            assertTrue(events.connected.await(15, TimeUnit.SECONDS), "bridge connected: " + events.failures);
            int heardBefore = phone.heard().length; // silence until the peers send
            peers.scheduleAtFixedRate(() -> {
                bridge.sendFrame();
                try { phone.sendTone(PHONE_TONE, 0.3); } catch (java.io.IOException ignored) { }
            }, 0, 20, TimeUnit.MILLISECONDS);
            int rate = phone.sampleRate();
            awaitAudio(phone, heardBefore + rate * 2, bridge, CALLER_SSRC, 48000);
            short[] heard = phone.heard();
            assertTrue(heard.length > rate, codec + ": phone heard over 1 s, got " + heard.length);
            assertEquals(speakerTone, SignalAnalysis.dominantFrequency(heard, heard.length - rate / 2, heard.length, rate), 10);
            assertEquals(0.2, SignalAnalysis.goertzelAmplitude(heard, heard.length - rate / 2, heard.length, speakerTone, rate), 0.04);
            short[] up = bridge.receivedAudio(CALLER_SSRC);
            assertEquals(PHONE_TONE, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 5, codec + " caller up");
            peers.shutdownNow();
            session.close();
        } finally {
            peers.shutdownNow();
        }
    }

    /** Waits (bounded) until the phone heard {@code heardSamples} and the bridge got {@code upSamples} of the caller. */
    static void awaitAudio(TestSipPhone phone, int heardSamples, TestBridge bridge, int callerSsrc, int upSamples)
        throws InterruptedException {
        long end = System.currentTimeMillis() + 20000;
        while ((phone.heard().length < heardSamples || bridge.receivedAudio(callerSsrc).length < upSamples)
            && System.currentTimeMillis() < end)
            Thread.sleep(20);
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
