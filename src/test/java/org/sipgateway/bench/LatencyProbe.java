package org.sipgateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.sipgateway.media.RtpReception;
import org.sipgateway.media.TestBridge;
import org.sipgateway.testkit.jitsi.AutoFocus;

/**
 * One extra call per benchmark step that measures the gateway's added one-way latency both ways: a probe phone
 * ({@link ProbeCall}, {@link ProbePhoneMedia}) dials into the room, {@link AutoFocus} gives its caller a bridge peer
 * whose first speaker plays {@link IrregularChirps} on cue (the other speakers send silence, so the phone hears the
 * chirps alone), and the phone plays them too. Each side keeps the send time of the packet that carried the chirps'
 * first sample; each receiver locates them by cross-correlation. Everything is on loopback: arrival minus send is the
 * gateway's share, with nothing to subtract. The phone end also counts the loss and jitter of what it receives.
 */
final class LatencyProbe implements AutoCloseable {
    /** The name the probe call shows in the room (From display name), by which AutoFocus tells its caller apart. */
    static final String SHOWN_NAME = "latency-probe";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final IrregularChirps.Track down = new IrregularChirps.Track(48000);
    private final IrregularChirps.Track up = new IrregularChirps.Track(ProbePhoneMedia.RATE);
    private final AtomicReference<TestBridge.Speaker> talker = new AtomicReference<>();
    private ProbePhoneMedia phone;
    private ProbeCall call;
    private AutoFocus.ReservedCaller bridge;
    private long armedNanos;

    /** What the probe found in one step. */
    record Result(IrregularChirps.Arrival down, IrregularChirps.Arrival up, RtpReception.Counts phone, double setupMillis,
            List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Dials, waits for the 200 and for the probe's bridge peer to connect; fails with what went wrong. */
    static LatencyProbe dial(AutoFocus autoFocus, int sipPort, String room, String shownName, int maxSeconds)
            throws Exception {
        final LatencyProbe probe = new LatencyProbe();
        try {
            final var reserved = autoFocus.reserve(shownName, (jvb, index, ssrc) -> {
                final TestBridge.Speaker s = jvb.addLiveSpeaker(ssrc, index == 0 ? probe.down : () -> null);
                if (index == 0) {
                    probe.talker.set(s);
                }
            });
            probe.phone = new ProbePhoneMedia(probe.up, maxSeconds);
            probe.call = ProbeCall.dial(sipPort, room, shownName, probe.phone.address(), WAIT);
            probe.phone.start(probe.call.gatewayRtp());
            probe.bridge = reserved.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (!probe.bridge.jvb().awaitConnected(WAIT.toMillis())) {
                throw new IllegalStateException("the probe's bridge peer did not connect: " + probe.bridge.jvb().bridge().failures());
            }
            return probe;
        } catch (Exception e) {
            probe.close();
            throw e;
        }
    }

    /** Both sides play the chirps from their next packet on. */
    void startChirps() {
        armedNanos = System.nanoTime();
        down.arm();
        up.arm();
    }

    /** The phone's reception so far (for an interval: take one at the start, {@link RtpReception.Counts#since}). */
    RtpReception.Counts phoneReception() {
        return phone.reception();
    }

    /**
     * Waits until the chirps could have arrived even 2 s late (bounded), locates them at both ends, hangs up.
     * @param phoneAtStart the phone's reception at the start of the measured window
     */
    Result finish(RtpReception.Counts phoneAtStart) throws InterruptedException {
        final long ready = armedNanos + (long) ((IrregularChirps.SECONDS + IrregularChirps.SEARCH_AFTER + 0.3) * 1e9);
        final long wait = TimeUnit.NANOSECONDS.toMillis(ready - System.nanoTime());
        if (wait > 0) {
            Thread.sleep(Math.min(wait, 10_000));
        }
        final List<String> problems = new ArrayList<>();
        final RtpReception.Counts phoneCounts = phone.reception().since(phoneAtStart);
        final IrregularChirps.Arrival downArrival = downlink();
        final IrregularChirps.Arrival upArrival = uplink();
        if (!downArrival.found()) {
            problems.add("bridge -> phone: " + downArrival.problem());
        }
        if (!upArrival.found()) {
            problems.add("phone -> bridge: " + upArrival.problem());
        }
        if (phoneCounts.received() == 0) {
            problems.add("the probe phone received no RTP in the measured window");
        }
        try {
            final int status = call.hangUp(Duration.ofSeconds(10));
            if (status != 200) {
                problems.add("the gateway answered the probe's BYE with " + status);
            }
        } catch (java.io.IOException e) {
            problems.add(e.getMessage());
        }
        return new Result(downArrival, upArrival, phoneCounts, call.setupMillis(), problems);
    }

    /** Bridge to phone: the chirps in what the phone heard (8 kHz PCMU). */
    private IrregularChirps.Arrival downlink() {
        final int frame = down.startFrame();
        final TestBridge.Speaker s = talker.get();
        if (frame < 0 || s == null || s.sendNanos().size() <= frame) {
            return IrregularChirps.Arrival.missing("the bridge peer never sent the chirps");
        }
        final ProbePhoneMedia.Heard heard = phone.heard();
        return IrregularChirps.locate(heard.pcm(), ProbePhoneMedia.RATE, heard.packetStarts(), s.sendNanos().get(frame));
    }

    /** Phone to bridge: the chirps in what the probe's bridge peer decoded (48 kHz Opus, taken to 8 kHz). */
    private IrregularChirps.Arrival uplink() {
        final int frame = up.startFrame();
        if (frame < 0) {
            return IrregularChirps.Arrival.missing("the probe phone never sent the chirps");
        }
        final TestBridge jvb = bridge.jvb().bridge();
        final int ssrc = (int) bridge.call().gatewaySource().getSSRC();
        final List<Long> arrivals = jvb.arrivalNanos(ssrc);
        final List<long[]> starts = new ArrayList<>();
        long sample = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            final short[] decoded = jvb.receivedFrame(ssrc, i);
            if (decoded == null) {
                break;
            }
            starts.add(new long[] {sample / 6, arrivals.get(i)});
            sample += decoded.length;
        }
        final short[] pcm = IrregularChirps.downsample(jvb.receivedAudio(ssrc), 6);
        return IrregularChirps.locate(pcm, ProbePhoneMedia.RATE, starts, phone.sendNanos(frame));
    }

    @Override
    public void close() throws InterruptedException {
        if (call != null) {
            call.close();
        }
        if (phone != null) {
            phone.close();
        }
    }
}
