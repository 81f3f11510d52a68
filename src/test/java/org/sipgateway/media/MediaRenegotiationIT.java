package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.NativeOpus;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.rtp.RtcpReport;
import org.sipgateway.testkit.audio.SignalAnalysis;

/**
 * The SIP side after the session exists: a session created before the SIP answer (dial-out), and codec changes by
 * re-INVITE mid-call, with real sockets on loopback, the test bridge and the test phone.
 */
class MediaRenegotiationIT {
    private static final int CALLER_SSRC = 0x6161;
    private static final double CONFERENCE_TONE = 440;
    private static final double CONFERENCE_AMPLITUDE = 0.2;
    private static final double PHONE_TONE = 1000;

    private volatile boolean bridgeSends = true;
    private volatile boolean phoneSends = true;
    private volatile double phoneTone = PHONE_TONE;

    @Test
    void sessionBeforeTheAnswerConnectsTheBridgeAndStaysSilentTowardSipUntilAnswered() throws Exception {
        MediaConfig config = MediaConfig.loopback().withRtpTimeout(Duration.ofMillis(1000));
        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
        try (MediaEngine engine = new MediaEngine(config); TestBridge bridge = new TestBridge(OpusImplementation.AUTO);
            TestSipPhone phone = new TestSipPhone()) {
            bridge.addSpeaker(4000, CONFERENCE_TONE, CONFERENCE_AMPLITUDE, true);
            CallRecorder events = new CallRecorder();
            // our offer lists opus first (the default codec preference): the mix runs at 48 kHz for this call
            MediaSession session = engine.createUnansweredSession(AudioCodec.OPUS, events);
            int offeredPort = session.sipLocalPort();
            assertFalse(session.isSipAnswered());
            bridge.start(session.connectBridge(BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), CALLER_SSRC)));
            session.start();
            assertTrue(events.connected.await(Await.GENEROUS.toSeconds(), TimeUnit.SECONDS), "ICE and DTLS up before the answer: " + events.failures);

            // the phone has our offer and sends early (a 300 Hz tone) before its answer reaches the gateway
            assertEquals(offeredPort, session.sipLocalAddress().getPort());
            phone.sendTo(session.sipLocalAddress());
            phoneTone = 300;
            driver.scheduleAtFixedRate(() -> step(bridge, phone), 0, 20, TimeUnit.MILLISECONDS);
            Await.until("75 packets of conference audio at the gateway", () -> session.stats().bridge().packetsReceived() >= 75,
                () -> session.stats().toString());
            phoneSends = false;
            assertEquals(List.of(), phone.received(), "no RTP to the phone before the answer");
            assertEquals(List.of(), phone.reports(), "no RTCP to the phone before the answer");
            assertEquals(0, session.stats().sip().packetsSent());
            assertEquals(0, bridge.receivedPackets(CALLER_SSRC), "nothing from the unanswered phone goes up");

            // the bridge falls silent: its timeout still runs, and fires after SIP has been silent even longer
            bridgeSends = false;
            Await.until("an RTP timeout after the bridge fell silent", () -> !events.timeouts.isEmpty());
            assertEquals(List.of(MediaSide.BRIDGE), events.timeouts, "no SIP RTP timeout while unanswered");
            bridgeSends = true;

            // the 200 OK: PCMU at the phone's address
            phoneTone = PHONE_TONE;
            phoneSends = true;
            session.renegotiateSip(SipLegParams.of(AudioCodec.PCMU, 101, phone.address()));
            assertTrue(session.isSipAnswered());
            assertEquals(offeredPort, session.sipLocalPort(), "the port in our offer stays");
            Await.until("the conference tone (mixed at 48 kHz, resampled for PCMU) at the phone and the phone's tone at the bridge",
                () -> tonesProblem(phone, bridge, 8000, 0, 0, 0.03) == null,
                () -> tonesProblem(phone, bridge, 8000, 0, 0, 0.03) + " " + session.stats());
            assertTrue(phone.received().stream().allMatch(r -> r.payloadType() == 0 && r.fromPort() == offeredPort),
                "PCMU only, from the offered port");
            short[] up = bridge.receivedAudio(CALLER_SSRC);
            assertEquals(PHONE_TONE, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 5, "phone heard up");
            assertTrue(SignalAnalysis.goertzelAmplitude(up, 0, up.length, 300, 48000) < 0.01, "the early RTP never played");
            assertEquals(List.of(MediaSide.BRIDGE), events.timeouts, "no SIP timeout at or after the answer");
            driver.shutdownNow();
            assertTrue(driver.awaitTermination(1, TimeUnit.SECONDS));
            session.close();
            assertEquals(0, engine.ports().inUse());
        } finally {
            driver.shutdownNow();
        }
    }

    /** One 20 ms step of both peers. */
    private void step(TestBridge bridge, TestSipPhone phone) {
        if (bridgeSends)
            bridge.sendFrame();
        if (phoneSends)
            try { phone.sendTone(phoneTone, 0.3); } catch (java.io.IOException ignored) { }
    }

    @Test
    void codecChangesMidCallKeepThePortAndCarryTheTonesBothWays() throws Exception {
        int nativeBaseline = NativeOpus.openHandles();
        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
        try (MediaEngine engine = new MediaEngine(MediaConfig.loopback()); TestBridge bridge = new TestBridge(OpusImplementation.AUTO);
            TestSipPhone phone = new TestSipPhone()) {
            bridge.addSpeaker(4100, CONFERENCE_TONE, CONFERENCE_AMPLITUDE, false);
            CallRecorder events = new CallRecorder();
            MediaSession session = engine.createSession(SipLegParams.of(AudioCodec.PCMU, 101, phone.address()),
                BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), CALLER_SSRC), events);
            int port = session.sipLocalPort();
            phone.sendTo(session.sipLocalAddress());
            bridge.start(session.localBridgeDescription());
            session.start();
            assertTrue(events.connected.await(Await.GENEROUS.toSeconds(), TimeUnit.SECONDS), "bridge connected: " + events.failures);
            int heardBeforeTones = phone.heard().length; // silence until the conference speaks
            driver.scheduleAtFixedRate(() -> step(bridge, phone), 0, 20, TimeUnit.MILLISECONDS);
            assertTonesBothWays(session, phone, bridge, AudioCodec.PCMU, 0, heardBeforeTones, 0);

            List<Integer> ssrcs = new ArrayList<>(List.of(phone.received().get(0).ssrc()));
            long sentBefore = session.stats().sip().packetsSent();
            Object[][] steps = { { AudioCodec.G722, 9 }, { AudioCodec.OPUS, 111 }, { AudioCodec.PCMU, 0 } };
            AudioCodec previous = AudioCodec.PCMU;
            int segmentStart = 0;
            for (Object[] step : steps) {
                AudioCodec codec = (AudioCodec) step[0];
                int pt = (Integer) step[1];
                int upBefore = bridge.receivedAudio(CALLER_SSRC).length;
                session.renegotiateSip(new SipLegParams(codec, pt, 101, 20, phone.address())); // the gateway answers the re-INVITE
                phone.switchCodec(codec, pt);
                assertTonesBothWays(session, phone, bridge, codec, pt, 0, upBefore); // the phone's line starts empty
                assertEquals(port, session.sipLocalPort());

                List<TestSipPhone.Received> got = phone.received();
                int first = firstIndexOf(got, pt, segmentStart + 1);
                segmentStart = first;
                TestSipPhone.Received lastOld = got.get(first - 1), firstNew = got.get(first);
                assertTrue(got.subList(first, got.size()).stream().allMatch(r -> r.payloadType() == pt || r.payloadType() == 101),
                    codec + ": after its first packet, payload type " + pt + " only");
                assertTrue(got.stream().allMatch(r -> r.fromPort() == port), "every packet from the same local port " + port);
                assertTrue(firstNew.marker(), "the new format starts with the marker bit");
                if (codec.rtpClockRate() == previous.rtpClockRate()) {
                    // one source on one clock (RFC 3550 section 5.1): sequence and timestamp run on
                    assertEquals(lastOld.ssrc(), firstNew.ssrc());
                    assertEquals((lastOld.sequence() + 1) & 0xFFFF, firstNew.sequence());
                    assertEquals((lastOld.timestamp() + 160) & 0xFFFFFFFFL, firstNew.timestamp(), "20 ms at 8 kHz further");
                } else {
                    // a new clock rate is a new source, and the old one leaves (RFC 7160 section 4.1)
                    assertFalse(ssrcs.contains(firstNew.ssrc()), "new SSRC for " + codec);
                    Await.until("an RTCP BYE for the old SSRC " + lastOld.ssrc(), () -> hasBye(phone, lastOld.ssrc()),
                        () -> "phone got " + phone.reports());
                }
                ssrcs.add(firstNew.ssrc());
                MediaStats stats = session.stats();
                assertTrue(stats.sip().packetsSent() > sentBefore + 50, "packets sent counts the whole call: " + stats);
                assertEquals(0, stats.sip().packetsLost(), "no loss on loopback across the switch (digits are not loss): " + stats);
                sentBefore = stats.sip().packetsSent();
                if (codec == AudioCodec.OPUS)
                    assertDigitsBothWays(session, phone, events);
                previous = codec;
            }
            assertTrue(events.failures.isEmpty() && events.timeouts.isEmpty(), events.failures + " " + events.timeouts);
            driver.shutdownNow();
            assertTrue(driver.awaitTermination(1, TimeUnit.SECONDS));
            session.close();
            assertEquals(0, engine.ports().inUse(), "RTP port released");
        } finally {
            driver.shutdownNow();
        }
        assertEquals(nativeBaseline, NativeOpus.openHandles(), "every libopus encoder and decoder freed, the replaced ones too");
        Await.until("no sipgw-media thread survives close", () -> ourThreads() == 0);
    }

    @Test
    void rapidRenegotiationsWhileTickingLeaveOneWorkingStreamAndNoCodec() throws Exception {
        int nativeBaseline = NativeOpus.openHandles();
        try (MediaEngine engine = new MediaEngine(MediaConfig.loopback()); TestSipPhone phone = new TestSipPhone()) {
            MediaSession session = engine.createSession(SipLegParams.of(AudioCodec.PCMU, 101, phone.address()), new CallRecorder());
            session.start();
            for (int i = 0; i < 40; i++) { // opus and PCMU in turn, every few ms, racing the 20 ms tick
                boolean opus = i % 2 == 0;
                session.renegotiateSip(opus ? new SipLegParams(AudioCodec.OPUS, 111, 101, 20, phone.address())
                    : new SipLegParams(AudioCodec.PCMA, 8, 101, 20, phone.address()));
                Thread.sleep(i % 7); // paces the race on purpose: 0-6 ms apart, against the 20 ms tick
            }
            session.renegotiateSip(SipLegParams.of(AudioCodec.PCMU, 101, phone.address()));
            session.playToSip(org.sipgateway.testkit.audio.Tones.sine(700, 0.3, 8000, 16000), 8000);
            Await.until("one PCMU stream left, working: the prompt at its level at the phone", () -> phone.heard().length >= 8000
                && Math.abs(MediaSessionIT.medianAmplitude(phone.heard(), 700, 8000) - 0.3) <= 0.03,
                () -> phone.heard().length + " samples heard, " + session.stats());
            session.close();
            assertEquals(0, engine.ports().inUse());
        }
        assertEquals(nativeBaseline, NativeOpus.openHandles(), "the 20 replaced Opus streams freed their codecs");
    }

    /**
     * After a switch: the phone hears the conference tone and the bridge hears the phone, both at their frequency, in
     * what arrived after {@code heardFrom} samples at the phone and {@code upFrom} samples at the bridge.
     */
    private static void assertTonesBothWays(MediaSession session, TestSipPhone phone, TestBridge bridge, AudioCodec codec, int pt,
        int heardFrom, int upFrom) throws InterruptedException {
        Await.until(codec + " (payload type " + pt + "): the conference tone at the phone and the phone's at the bridge, at their levels",
            () -> tonesProblem(phone, bridge, codec.pcmRate(), heardFrom, upFrom, 0.04) == null,
            () -> tonesProblem(phone, bridge, codec.pcmRate(), heardFrom, upFrom, 0.04) + " " + session.stats());
    }

    /**
     * What is still wrong after {@code heardFrom} samples at the phone and {@code upFrom} at the bridge, or null: the
     * conference tone at its level at the phone (median of the last second) and the phone's tone at its level up.
     */
    private static String tonesProblem(TestSipPhone phone, TestBridge bridge, int rate, int heardFrom, int upFrom, double tolerance) {
        short[] heard = phone.heard();
        short[] up = bridge.receivedAudio(CALLER_SSRC);
        if (heard.length < heardFrom + rate * 6 / 5 || up.length < upFrom + 48000)
            return "the phone heard " + (heard.length - heardFrom) + " samples (1.2 s needed), the bridge got " + (up.length - upFrom)
                + " (1 s needed)";
        double dominant = SignalAnalysis.dominantFrequency(heard, heard.length - rate / 2, heard.length, rate);
        double amplitude = MediaSessionIT.medianAmplitude(heard, CONFERENCE_TONE, rate);
        if (Math.abs(dominant - CONFERENCE_TONE) > 5 || Math.abs(amplitude - CONFERENCE_AMPLITUDE) > tolerance)
            return "at the phone: " + dominant + " Hz, the conference tone at " + amplitude + " (" + CONFERENCE_AMPLITUDE + " expected)";
        double upDominant = SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000);
        double upLevel = SignalAnalysis.dbfs(up, up.length - 24000, up.length);
        if (Math.abs(upDominant - PHONE_TONE) > 5 || Math.abs(upLevel - 20 * Math.log10(0.3)) > 2.0)
            return "at the bridge: " + upDominant + " Hz at " + upLevel + " dBFS (" + PHONE_TONE + " Hz at " + 20 * Math.log10(0.3) + ")";
        return null;
    }

    /** RFC 4733 both ways on a 48 kHz RTP clock. */
    private static void assertDigitsBothWays(MediaSession session, TestSipPhone phone, CallRecorder events) throws Exception {
        session.sendDtmfToSip('5', 100);
        phone.sendDigit('9');
        Await.until("a digit each way on a 48 kHz clock", () -> phone.digitsHeard().contains('5') && events.digits.contains('9'),
            () -> "phone heard " + phone.digitsHeard() + ", gateway reported " + events.digits);
        assertEquals(List.of('5'), phone.digitsHeard(), "digit reached the phone once");
        assertEquals(List.of('9'), events.digits, "phone's digit reported once");
    }

    private static int firstIndexOf(List<TestSipPhone.Received> got, int payloadType, int from) {
        for (int i = from; i < got.size(); i++)
            if (got.get(i).payloadType() == payloadType)
                return i;
        throw new AssertionError("no packet of payload type " + payloadType + " arrived");
    }

    private static boolean hasBye(TestSipPhone phone, int ssrc) {
        return phone.reports().stream().anyMatch(r -> r.packetType() == RtcpReport.BYE && r.senderSsrc() == ssrc);
    }

    private static long ourThreads() { return MediaSessionLifecycleIT.ourThreads(); }
}
