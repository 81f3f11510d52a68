package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
            if (!events.connected.await(Await.GENEROUS.toSeconds(), TimeUnit.SECONDS))
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

        /** Waits until media flows both ways: the bridge got the caller's packets, the phone the gateway's. */
        void awaitFlowing() throws InterruptedException {
            Await.until("5 packets each way", () -> bridge.receivedPackets(CALLER_SSRC) >= 5 && phone.received().size() >= 5,
                () -> session.stats().toString());
        }

        /** Waits until the gateway's ticks took in {@code packets} more from the phone: that much media time passed. */
        void awaitGatewayTakesInFromPhone(int packets) throws InterruptedException {
            long from = session.stats().sip().packetsReceived();
            Await.until("the gateway took in " + packets + " more packets from the phone",
                () -> session.stats().sip().packetsReceived() >= from + packets, () -> session.stats().toString());
        }

        /** Waits until the bridge received every packet the gateway counted as sent up. */
        void awaitUplinkDelivered() throws InterruptedException {
            Await.until("every packet the gateway sent up reached the bridge",
                () -> bridge.receivedPackets(CALLER_SSRC) >= session.stats().bridge().packetsSent(),
                () -> "bridge received " + bridge.receivedPackets(CALLER_SSRC) + ", " + session.stats());
        }

        /** Waits until the phone received every packet the gateway counted as sent to it. */
        void awaitDownlinkDelivered() throws InterruptedException {
            Await.until("every packet the gateway sent to the phone reached it",
                () -> phone.received().size() >= session.stats().sip().packetsSent(),
                () -> "phone received " + phone.received().size() + ", " + session.stats());
        }

        /** Waits until the phone hears {@code frequency} at {@code amplitude} (median over the last {@code lastMillis}). */
        void awaitPhoneHears(double frequency, double amplitude, double tolerance, int lastMillis, String what)
            throws InterruptedException {
            Await.until(what + ": " + frequency + " Hz at " + amplitude + " at the phone",
                () -> Math.abs(phoneHears(frequency, lastMillis) - amplitude) <= tolerance,
                () -> "heard " + phoneHears(frequency, lastMillis) + " after " + phone.heard().length + " samples, " + session.stats());
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
            call.awaitPhoneHears(1000, 0.2, 0.03, 400, "the speaker before the move");
            BridgeTransport next = call.bridge.prepareReplacement();
            LocalBridgeDescription moved = call.session.replaceBridgeTransport(next.localIce(), call.bridge.fingerprint());
            call.bridge.switchTo(next, moved);
            assertTrue(call.bridge.awaitConnected(Await.GENEROUS.toMillis()), "new transport connected: " + call.bridge.failures());
            Await.until("the gateway reports the second connection", () -> call.events.connections >= 2,
                () -> "connections " + call.events.connections + ", failures " + call.events.failures);
            int before = call.bridge.receivedPackets(CALLER_SSRC);
            int heardAtMove = call.phone.heard().length;
            // the old transport is closed: whatever arrives from here on crossed the new one
            Await.until("30 packets of the caller up and 800 ms at the phone on the new transport",
                () -> call.bridge.receivedPackets(CALLER_SSRC) > before + 30 && call.phone.heard().length >= heardAtMove + 6400,
                () -> "up " + (call.bridge.receivedPackets(CALLER_SSRC) - before) + " packets, phone "
                    + (call.phone.heard().length - heardAtMove) + " samples, " + call.session.stats());
            assertEquals(2, call.events.connections, "gateway reported the second connection once");
            assertEquals(0.2, call.phoneHears(1000, 600), 0.03, "speaker still heard after the move");
            short[] up = call.bridge.receivedAudio(CALLER_SSRC);
            assertEquals(600, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 5);
            assertTrue(call.events.failures.isEmpty(), call.events.failures.toString());
        }
    }

    @Test
    void holdMuteAndPromptChangeWhatFlows() throws Exception {
        try (Call call = new Call(MediaConfig.loopback())) {
            call.awaitFlowing();
            call.session.setMuted(true);
            long upAtMute = call.session.stats().bridge().packetsSent(); // a tick under way may still send one
            call.awaitGatewayTakesInFromPhone(25);
            assertTrue(call.session.stats().bridge().packetsSent() <= upAtMute + 1,
                "muted: the gateway sent nothing up while taking in 500 ms of the phone: " + call.session.stats());
            call.awaitUplinkDelivered();
            int atMute = call.bridge.receivedPackets(CALLER_SSRC);
            call.awaitGatewayTakesInFromPhone(25);
            assertEquals(atMute, call.bridge.receivedPackets(CALLER_SSRC), "muted: nothing reaches the bridge");
            call.session.setMuted(false);

            call.session.playToSip(Tones.sine(2000, 0.25, 16000, 16000), 16000); // 1 s prompt at another rate
            assertTrue(call.session.isPlayingToSip(), "the prompt is queued");
            Await.until("the prompt (resampled to 8 kHz) and the conference under it at the phone",
                () -> Math.abs(call.phoneHears(2000, 400) - 0.25) <= 0.04 && Math.abs(call.phoneHears(1000, 400) - 0.2) <= 0.04,
                () -> "prompt " + call.phoneHears(2000, 400) + ", conference " + call.phoneHears(1000, 400));

            call.session.setHold(true);
            MediaStats atHold = call.session.stats(); // a tick under way may still send one each way
            call.awaitGatewayTakesInFromPhone(25);
            MediaStats held = call.session.stats();
            assertTrue(held.sip().packetsSent() <= atHold.sip().packetsSent() + 1, "hold: the gateway sent nothing to the phone: " + held);
            assertTrue(held.bridge().packetsSent() <= atHold.bridge().packetsSent() + 1, "hold: the gateway sent nothing up: " + held);
            call.awaitUplinkDelivered();
            call.awaitDownlinkDelivered();
            int downAtHold = call.phone.received().size();
            int upAtHold = call.bridge.receivedPackets(CALLER_SSRC);
            call.awaitGatewayTakesInFromPhone(25);
            assertEquals(downAtHold, call.phone.received().size(), "hold: nothing reaches the phone");
            assertEquals(upAtHold, call.bridge.receivedPackets(CALLER_SSRC), "hold: nothing reaches the bridge");
            call.session.setHold(false);
            int heardAtUnhold = call.phone.heard().length;
            Await.until("unhold: the phone hears 200 ms more", () -> call.phone.heard().length > heardAtUnhold + 10 * 160);
            call.awaitPhoneHears(1000, 0.2, 0.04, 400, "unhold: the conference again");
        }
    }

    @Test
    void silenceOnEitherSideRaisesAnRtpTimeout() throws Exception {
        try (Call call = new Call(MediaConfig.loopback().withRtpTimeout(Duration.ofMillis(1000)))) {
            // 1.3 s of media from both sides, longer than the timeout, taken in by the gateway's ticks
            Await.until("the gateway took in 65 packets from each side", () -> call.session.stats().sip().packetsReceived() >= 65
                && call.session.stats().bridge().packetsReceived() >= 65, () -> call.session.stats().toString());
            assertTrue(call.events.timeouts.isEmpty(), "both sides alive: " + call.events.timeouts);
            call.phoneSends = false;
            Await.until("an RTP timeout after the phone fell silent", () -> !call.events.timeouts.isEmpty());
            assertEquals(List.of(MediaSide.SIP), call.events.timeouts);
            call.bridgeSends = false;
            Await.until("a second RTP timeout after the bridge fell silent", () -> call.events.timeouts.size() >= 2,
                () -> "timeouts " + call.events.timeouts); // the test bridge sends no RTCP
            assertEquals(List.of(MediaSide.SIP, MediaSide.BRIDGE), call.events.timeouts);
        }
    }

    @Test
    void closeReleasesPortsAndThreads() throws Exception {
        try (Call warmUp = new Call(MediaConfig.loopback())) {
            warmUp.awaitFlowing(); // ice4j's shared pools exist from here on
        }
        awaitNoCallThreads();
        int baseline = Thread.activeCount();
        java.util.Set<String> before = threadNames();
        for (int i = 0; i < 3; i++) {
            try (Call call = new Call(MediaConfig.loopback())) {
                call.awaitFlowing();
                assertTrue(ourThreads() >= 2, "mix clock and transport threads run during the call");
            }
        }
        awaitNoCallThreads();
        java.util.Set<String> after = threadNames();
        after.removeAll(before);
        // ice4j keeps JVM-wide cached pools (STUN transactions, net access) whose size varies: not per call
        after.removeIf(name -> name.startsWith("ice4j."));
        assertTrue(after.isEmpty(), "threads left over besides ice4j's shared pools: " + after);
        assertTrue(Thread.activeCount() <= baseline + 4, "thread count near " + baseline + ", is " + Thread.activeCount());
    }

    /** ice4j's per-socket readers (IceConnector, MergingDatagramSocket) notice a closed socket within about 1 s. */
    private static void awaitNoCallThreads() throws InterruptedException {
        Await.until("no sipgw-media thread and no ice4j socket reader left", () -> ourThreads() == 0 && threadNames().stream()
            .noneMatch(n -> n.startsWith("IceConnector") || n.startsWith("MergingDatagramSocket")), () -> threadNames().toString());
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sipgw-media-")).count();
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

            session.playToSip(Tones.sine(700, 0.4, 8000, 32000), 8000); // "please enter the PIN", 4 s: still playing at the barge-in
            Await.until("the prompt heard before any conference", () -> phone.heard().length >= 8000
                && Math.abs(MediaSessionIT.medianAmplitude(phone.heard(), 700, 8000) - 0.4) <= 0.04,
                () -> phone.heard().length + " samples heard, " + session.stats());
            phone.sendDigit('4');
            Await.until("the phone's digit reported", () -> !events.digits.isEmpty());
            assertEquals(List.of('4'), events.digits);
            session.stopPlayingToSip(); // barge-in
            assertTrue(!session.isPlayingToSip());
            int heardAtStop = phone.heard().length;
            Await.until("the phone heard 400 ms after the barge-in", () -> phone.heard().length >= heardAtStop + 3200);
            short[] afterStop = phone.heard();
            assertTrue(SignalAnalysis.goertzelAmplitude(afterStop, afterStop.length - 1600, afterStop.length, 700, 8000) < 0.02,
                "prompt stopped");
            assertEquals(0, session.stats().speakers());

            bridge.addSpeaker(2500, 1000, 0.2, true);
            LocalBridgeDescription answer = session.connectBridge(
                BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), CALLER_SSRC));
            bridge.start(answer);
            assertTrue(events.connected.await(Await.GENEROUS.toSeconds(), TimeUnit.SECONDS),
                "bridge connected after the IVR: " + events.failures);
            bridgeSends.set(true);
            Await.until("the conference heard after joining and 0.5 s of the caller up", () -> phone.heard().length >= 8000
                && Math.abs(MediaSessionIT.medianAmplitude(phone.heard(), 1000, 8000) - 0.2) <= 0.03
                && bridge.receivedAudio(CALLER_SSRC).length > 24000,
                () -> "conference " + MediaSessionIT.medianAmplitude(phone.heard(), 1000, 8000) + ", up "
                    + bridge.receivedAudio(CALLER_SSRC).length + " samples, " + session.stats());
            short[] up = bridge.receivedAudio(CALLER_SSRC);
            assertEquals(600, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 5);
            driver.shutdownNow();
            session.close();
            assertEquals(0, engine.ports().inUse());
        } finally {
            driver.shutdownNow();
        }
    }
}
