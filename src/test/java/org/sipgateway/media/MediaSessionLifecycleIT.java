package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.transport.BridgeTransport;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

/** Transport replacement, hold, mute, prompts, RTP timeouts and clean teardown of a media session. */
class MediaSessionLifecycleIT {
    private static final int CALLER_SSRC = 0x7777;

    /** A connected call with one speaker at 1 kHz and a phone sending 600 Hz, driven every 20 ms. */
    private static final class Call implements AutoCloseable {
        final MediaEngine engine;
        final TestBridge bridge;
        final TestSipPhone phone;
        final CallRecorder events = new CallRecorder();
        final MediaSession session;
        final ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
        volatile boolean bridgeSends = true;
        volatile boolean phoneSends = true;
        ScheduledFuture<?> ticking;

        Call(MediaConfig config) throws Exception {
            engine = new MediaEngine(config);
            bridge = new TestBridge(OpusImplementation.AUTO);
            phone = new TestSipPhone();
            bridge.addSpeaker(2000, 1000, 0.2, false);
            session = engine.createSession(SipLegParams.of(AudioCodec.PCMU, 101, phone.address()),
                BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), CALLER_SSRC), events);
            phone.sendTo(session.sipLocalAddress());
            bridge.start(session.localBridgeDescription());
            session.start();
            if (!events.connected.await(15, TimeUnit.SECONDS))
                throw new AssertionError("not connected: " + events.failures);
            ticking = driver.scheduleAtFixedRate(() -> {
                if (bridgeSends)
                    bridge.sendFrame();
                if (phoneSends)
                    try { phone.sendTone(600, 0.3); } catch (java.io.IOException ignored) { }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        /** Median tone amplitude over 100 ms windows of the last {@code lastMillis}: robust to one hiccup under load. */
        double phoneHears(double frequency, int lastMillis) {
            short[] heard = phone.heard();
            int windows = Math.max(1, lastMillis / 100);
            if (heard.length < windows * 800)
                return 0;
            double[] a = new double[windows];
            for (int w = 0; w < windows; w++)
                a[w] = SignalAnalysis.goertzelAmplitude(heard, heard.length - (w + 1) * 800, heard.length - w * 800, frequency, 8000);
            java.util.Arrays.sort(a);
            return a[windows / 2];
        }

        @Override
        public void close() throws Exception {
            driver.shutdownNow();
            driver.awaitTermination(1, TimeUnit.SECONDS);
            session.close();
            bridge.close();
            phone.close();
            engine.close();
        }
    }

    @Test
    void transportReplaceMidStreamKeepsAudioFlowing() throws Exception {
        try (Call call = new Call(MediaConfig.loopback())) {
            Thread.sleep(1500);
            assertEquals(0.2, call.phoneHears(1000, 400), 0.03, "before the move");
            BridgeTransport next = call.bridge.prepareReplacement();
            LocalBridgeDescription moved = call.session.replaceBridgeTransport(next.localIce(), call.bridge.fingerprint());
            call.bridge.switchTo(next, moved);
            assertTrue(call.bridge.awaitConnected(15000), "new transport connected");
            int before = call.bridge.receivedPackets(CALLER_SSRC);
            waitFor(() -> call.events.connections >= 2, 5000);
            Thread.sleep(1200);
            assertEquals(2, call.events.connections, "gateway reported the second connection");
            assertEquals(0.2, call.phoneHears(1000, 600), 0.03, "speaker still heard after the move");
            short[] up = call.bridge.receivedAudio(CALLER_SSRC);
            assertTrue(call.bridge.receivedPackets(CALLER_SSRC) > before + 30, "caller still sent up on the new transport");
            assertEquals(600, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 5);
            assertTrue(call.events.failures.isEmpty(), call.events.failures.toString());
        }
    }

    @Test
    void holdMuteAndPromptChangeWhatFlows() throws Exception {
        try (Call call = new Call(MediaConfig.loopback())) {
            Thread.sleep(600);
            call.session.setMuted(true);
            Thread.sleep(200);
            int atMute = call.bridge.receivedPackets(CALLER_SSRC);
            Thread.sleep(500);
            assertTrue(call.bridge.receivedPackets(CALLER_SSRC) <= atMute + 2, "muted: nothing goes up");
            call.session.setMuted(false);

            call.session.playToSip(Tones.sine(2000, 0.25, 16000, 16000), 16000); // 1 s prompt at another rate
            Thread.sleep(600);
            assertTrue(call.session.isPlayingToSip());
            assertEquals(0.25, call.phoneHears(2000, 400), 0.04, "prompt heard, resampled to 8 kHz");
            assertEquals(0.2, call.phoneHears(1000, 400), 0.04, "conference still heard under the prompt");

            call.session.setHold(true);
            Thread.sleep(200);
            int heardAtHold = call.phone.heard().length;
            int upAtHold = call.bridge.receivedPackets(CALLER_SSRC);
            Thread.sleep(500);
            assertTrue(call.phone.heard().length - heardAtHold <= 2 * 160, "hold: nothing to the phone");
            assertTrue(call.bridge.receivedPackets(CALLER_SSRC) <= upAtHold + 2, "hold: nothing up");
            call.session.setHold(false);
            Thread.sleep(500);
            assertTrue(call.phone.heard().length - heardAtHold > 10 * 160, "unhold: audio again");
        }
    }

    @Test
    void silenceOnEitherSideRaisesAnRtpTimeout() throws Exception {
        try (Call call = new Call(MediaConfig.loopback().withRtpTimeout(Duration.ofMillis(1000)))) {
            Thread.sleep(1300);
            assertTrue(call.events.timeouts.isEmpty(), "both sides alive: " + call.events.timeouts);
            call.phoneSends = false;
            waitFor(() -> !call.events.timeouts.isEmpty(), 3000);
            assertEquals(List.of(MediaSide.SIP), call.events.timeouts);
            call.bridgeSends = false;
            waitFor(() -> call.events.timeouts.size() >= 2, 5000); // the test bridge sends no RTCP
            assertEquals(List.of(MediaSide.SIP, MediaSide.BRIDGE), call.events.timeouts);
        }
    }

    @Test
    void closeReleasesPortsAndThreads() throws Exception {
        try (Call warmUp = new Call(MediaConfig.loopback())) {
            Thread.sleep(100); // ice4j's shared pools exist from here on
        }
        waitFor(() -> ourThreads() == 0 && threadNames().stream()
            .noneMatch(n -> n.startsWith("IceConnector") || n.startsWith("MergingDatagramSocket")), 10000);
        int baseline = Thread.activeCount();
        java.util.Set<String> before = threadNames();
        for (int i = 0; i < 3; i++) {
            try (Call call = new Call(MediaConfig.loopback())) {
                Thread.sleep(300);
                assertTrue(ourThreads() >= 2, "mix clock and transport threads run during the call");
            }
        }
        // ice4j's per-socket readers (IceConnector, MergingDatagramSocket) notice a closed socket within about 1 s
        waitFor(() -> ourThreads() == 0 && threadNames().stream()
            .noneMatch(n -> n.startsWith("IceConnector") || n.startsWith("MergingDatagramSocket")), 10000);
        assertEquals(0, ourThreads(), "no sipgw-media thread survives close");
        java.util.Set<String> after = threadNames();
        after.removeAll(before);
        // ice4j keeps JVM-wide cached pools (STUN transactions, net access) whose size varies: not per call
        after.removeIf(name -> name.startsWith("ice4j."));
        assertTrue(after.isEmpty(), "threads left over besides ice4j's shared pools: " + after);
        assertTrue(Thread.activeCount() <= baseline + 4, "thread count near " + baseline + ", is " + Thread.activeCount());
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sipgw-media-")).count();
    }

    static void waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end)
            Thread.sleep(20);
    }

    @Test
    void ivrRunsOnTheSipSideAloneThenTheConferenceJoins() throws Exception {
        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
        try (MediaEngine engine = new MediaEngine(MediaConfig.loopback()); TestBridge bridge = new TestBridge(OpusImplementation.AUTO);
            TestSipPhone phone = new TestSipPhone()) {
            CallRecorder events = new CallRecorder();
            MediaSession session = engine.createSession(SipLegParams.of(AudioCodec.PCMU, 101, phone.address()), events);
            phone.sendTo(session.sipLocalAddress());
            session.start();
            java.util.concurrent.atomic.AtomicBoolean bridgeSends = new java.util.concurrent.atomic.AtomicBoolean();
            driver.scheduleAtFixedRate(() -> {
                if (bridgeSends.get())
                    bridge.sendFrame();
                try { phone.sendTone(600, 0.3); } catch (java.io.IOException ignored) { }
            }, 0, 20, TimeUnit.MILLISECONDS);

            session.playToSip(Tones.sine(700, 0.4, 8000, 16000), 8000); // "please enter the PIN", 2 s
            Thread.sleep(1200);
            short[] heard = call(phone);
            assertEquals(0.4, MediaSessionIT.medianAmplitude(heard, 700, 8000), 0.04, "prompt heard before any conference");
            phone.sendDigit('4');
            waitFor(() -> !events.digits.isEmpty(), 2000);
            assertEquals(List.of('4'), events.digits);
            session.stopPlayingToSip(); // barge-in
            assertTrue(!session.isPlayingToSip());
            Thread.sleep(400);
            short[] afterStop = call(phone);
            assertTrue(SignalAnalysis.goertzelAmplitude(afterStop, afterStop.length - 1600, afterStop.length, 700, 8000) < 0.02,
                "prompt stopped");
            assertEquals(0, session.stats().speakers());

            bridge.addSpeaker(2500, 1000, 0.2, true);
            LocalBridgeDescription answer = session.connectBridge(
                BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), CALLER_SSRC));
            bridge.start(answer);
            assertTrue(events.connected.await(15, TimeUnit.SECONDS), "bridge connected after the IVR: " + events.failures);
            bridgeSends.set(true);
            Thread.sleep(1500);
            assertEquals(0.2, MediaSessionIT.medianAmplitude(call(phone), 1000, 8000), 0.03, "conference heard after joining");
            short[] up = bridge.receivedAudio(CALLER_SSRC);
            assertTrue(up.length > 24000, "caller sent up after joining");
            assertEquals(600, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 5);
            driver.shutdownNow();
            session.close();
            assertEquals(0, engine.ports().inUse());
        } finally {
            driver.shutdownNow();
        }
    }

    private static short[] call(TestSipPhone phone) {
        return phone.heard();
    }
}
