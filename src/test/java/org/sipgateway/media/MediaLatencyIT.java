package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.audio.DelayEstimator;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

/** A sound crosses the gateway each way: a chirp located by cross-correlation, timed by packet clocks (printed, not bounded). */
class MediaLatencyIT {
    private static final int CALLER_SSRC = 0x4242;
    private static final double CHIRP_SECONDS = 0.3;

    @Test
    void chirpCrossesTheGatewayEachWayAndIsTimed() throws Exception {
        ScheduledExecutorService peers = Executors.newSingleThreadScheduledExecutor();
        try (MediaEngine engine = new MediaEngine(MediaConfig.loopback()); TestBridge bridge = new TestBridge(OpusImplementation.AUTO);
            TestSipPhone phone = new TestSipPhone()) {
            // one second of silence (buffers settle), then the chirp
            short[] chirp48 = Tones.chirp(300, 3000, 0.3, 48000, (int) (48000 * CHIRP_SECONDS));
            short[] chirp8 = Tones.chirp(300, 3000, 0.3, 8000, (int) (8000 * CHIRP_SECONDS));
            TestBridge.Speaker talker = bridge.addSignalSpeaker(4000, Tones.concat(new short[48000], chirp48));
            short[] phoneSignal = Tones.concat(new short[8000], chirp8);
            CallRecorder events = new CallRecorder();
            MediaSession session = engine.createSession(SipLegParams.of(AudioCodec.PCMU, 101, phone.address()),
                BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), CALLER_SSRC), events);
            phone.sendTo(session.sipLocalAddress());
            bridge.start(session.localBridgeDescription());
            session.start();
            assertTrue(events.connected.await(Await.GENEROUS.toSeconds(), TimeUnit.SECONDS), "connected: " + events.failures);
            peers.scheduleAtFixedRate(() -> {
                bridge.sendFrame();
                try { phone.sendSignal(phoneSignal); } catch (java.io.IOException ignored) { }
            }, 0, 20, TimeUnit.MILLISECONDS);
            // the chirp crossed whole each way: it was heard, then 100 ms of the silence after it
            Await.until("the chirp and the silence after it at the phone and at the bridge",
                () -> soundThenSilence(phone.heard(), 8000) && soundThenSilence(bridge.receivedAudio(CALLER_SSRC), 48000),
                () -> "phone " + phone.heard().length + " samples, bridge " + bridge.receivedAudio(CALLER_SSRC).length + ", "
                    + session.stats());
            peers.shutdownNow();

            // bridge -> phone: the chirp left the bridge with frame 50 (sample 48000)
            long downSent = talker.sendNanos.get(50);
            double down = arrivalMillis(phone.heard(), chirp8, 8000, phone.arrivals, downSent);
            // phone -> bridge: the chirp left the phone with its frame 50 (sample 8000)
            long upSent = phone.sendNanos.get(50);
            short[] up = bridge.receivedAudio(CALLER_SSRC);
            List<Long> upArrivals = bridge.arrivalNanos(CALLER_SSRC);
            List<long[]> upIndex = new java.util.ArrayList<>();
            for (int i = 0; i < upArrivals.size(); i++)
                upIndex.add(new long[] { 960L * i, upArrivals.get(i) });
            double upMillis = arrivalMillis(up, chirp48, 48000, upIndex, upSent);
            // the figure itself is measured in bench/media and bench/gateway; here: found, and after it was sent
            assertTrue(down > 0, "bridge -> phone: the chirp arrived after it was sent, at " + down + " ms");
            assertTrue(upMillis > 0, "phone -> bridge: the chirp arrived after it was sent, at " + upMillis + " ms");
            System.out.printf("media latency on loopback: bridge->phone %.0f ms, phone->bridge %.0f ms%n", down, upMillis);
            session.close();
        } finally {
            peers.shutdownNow();
        }
    }

    /**
     * Whether {@code pcm} holds at least 200 ms of sound (20 ms blocks above -30 dBFS; the chirp is 300 ms at 0.3) and
     * ends with 100 ms of silence after the last of it: the whole chirp arrived.
     */
    private static boolean soundThenSilence(short[] pcm, int rate) {
        int block = rate / 50;
        int loud = 0;
        int lastLoud = -1;
        for (int b = 0; (b + 1) * block <= pcm.length; b++) {
            if (SignalAnalysis.dbfs(pcm, b * block, (b + 1) * block) > -30) {
                loud++;
                lastLoud = b;
            }
        }
        return loud >= 10 && pcm.length / block - 1 - lastLoud >= 5;
    }

    /** Where the chirp starts in {@code received}, converted to the arrival time of its packet, minus the send time. */
    private static double arrivalMillis(short[] received, short[] chirp, int rate, List<long[]> packetStarts, long sentNanos) {
        DelayEstimator.Match m = DelayEstimator.find(chirp, received, received.length - chirp.length);
        assertTrue(m.correlation() > 0.6, "chirp found in the received audio, correlation " + m.correlation());
        long[] packet = null;
        for (long[] p : packetStarts)
            if (p[0] <= m.lagSamples())
                packet = p;
        double withinPacket = (m.lagSamples() - packet[0]) * 1000.0 / rate;
        return (packet[1] - sentNanos) / 1e6 + withinPacket;
    }
}
