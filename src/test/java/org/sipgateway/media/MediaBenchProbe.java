package org.sipgateway.media;

import java.util.ArrayList;
import java.util.List;
import org.sipgateway.bench.IrregularChirps;

/**
 * bench/media's latency probe on one of its calls: the bridge's first speaker and the phone play
 * {@link IrregularChirps} on cue (the bridge's other two speakers send silence, so the phone hears the chirps alone);
 * each sender keeps the send time of the packet that carried the chirps' first sample, each receiver locates them by
 * cross-correlation. Everything is on loopback in one clock: arrival minus send is what the gateway adds.
 */
final class MediaBenchProbe {
    private static final int PHONE_RATE = 8000;
    private final IrregularChirps.Track down = new IrregularChirps.Track(48000);
    private final IrregularChirps.Track up = new IrregularChirps.Track(PHONE_RATE);
    private final TestBridge bridge;
    private final TestSipPhone phone;
    private final int callerSsrc;
    private final TestBridge.Speaker talker;
    private volatile long armedNanos;

    /** The probe's bridge must not be in benchmark mode: it decodes what the gateway sends up. */
    MediaBenchProbe(TestBridge bridge, TestSipPhone phone, int firstSpeakerSsrc, int callerSsrc) {
        this.bridge = bridge;
        this.phone = phone;
        this.callerSsrc = callerSsrc;
        this.talker = bridge.addLiveSpeaker(firstSpeakerSsrc, down);
        bridge.addLiveSpeaker(firstSpeakerSsrc + 1, () -> null);
        bridge.addLiveSpeaker(firstSpeakerSsrc + 2, () -> null);
    }

    /** The phone's next 20 ms: silence, or the chirps once armed. */
    void sendPhoneFrame() throws java.io.IOException {
        phone.sendFrame(up.get());
    }

    /** Both ends play the chirps from their next packet on. */
    void arm() {
        armedNanos = System.nanoTime();
        down.arm();
        up.arm();
    }

    /** Milliseconds until the chirps could have arrived even 2 s late, as bench/gateway's probe waits. */
    long millisUntilLocatable() {
        long ready = armedNanos + (long) ((IrregularChirps.SECONDS + IrregularChirps.SEARCH_AFTER + 0.3) * 1e9);
        return Math.max(0, (ready - System.nanoTime()) / 1_000_000);
    }

    /** Bridge to phone: the chirps in what the phone heard (8 kHz PCMU). */
    IrregularChirps.Arrival downlink() {
        int frame = down.startFrame();
        if (frame < 0 || talker.sendNanos().size() <= frame)
            return IrregularChirps.Arrival.missing("the bridge never sent the chirps");
        return IrregularChirps.locate(phone.heard(), PHONE_RATE, List.copyOf(phone.arrivals), talker.sendNanos().get(frame));
    }

    /** Phone to bridge: the chirps in what the bridge decoded (48 kHz Opus, taken to 8 kHz). */
    IrregularChirps.Arrival uplink() {
        int frame = up.startFrame();
        if (frame < 0 || phone.sendNanos.size() <= frame)
            return IrregularChirps.Arrival.missing("the phone never sent the chirps");
        List<Long> arrivals = bridge.arrivalNanos(callerSsrc);
        List<long[]> starts = new ArrayList<>();
        List<short[]> frames = new ArrayList<>();
        long sample = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            short[] decoded = bridge.receivedFrame(callerSsrc, i);
            if (decoded == null)
                break;
            starts.add(new long[] { sample / 6, arrivals.get(i) });
            frames.add(decoded);
            sample += decoded.length;
        }
        short[] pcm = IrregularChirps.downsample(org.sipgateway.testkit.audio.Tones.concat(frames.toArray(new short[0][])), 6);
        return IrregularChirps.locate(pcm, PHONE_RATE, starts, phone.sendNanos.get(frame));
    }
}
