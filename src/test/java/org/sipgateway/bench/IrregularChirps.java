package org.sipgateway.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.sipgateway.testkit.audio.DelayEstimator;
import org.sipgateway.testkit.audio.Tones;

/**
 * The latency probe's signal, as {@code gen} of src/test/resources/sip-kit/audio/audio_check.py makes it: 100 ms
 * chirps (300 to 3000 Hz, Hann window) at irregular times, so the cross-correlation with what arrived has one
 * unambiguous peak.
 * {@link Track} plays it on cue, 20 ms per call; {@link #locate} finds it in received audio and times it.
 */
public final class IrregularChirps {
    /** Chirp starts in seconds: no two gaps alike. */
    private static final double[] STARTS = {0.10, 0.42, 0.61, 1.05, 1.33};
    public static final double SECONDS = 1.5;
    private static final double CHIRP_SECONDS = 0.1;
    /** Search from 100 ms before the send time to 2 s after it, as audio_check.py's lag does. */
    static final double SEARCH_BEFORE = 0.1;
    public static final double SEARCH_AFTER = 2.0;
    /** Below this normalised correlation peak the chirps were not heard (a clean path gives 0.8 to 1). */
    static final double MIN_CORRELATION = 0.5;

    private IrregularChirps() {
    }

    /** The whole pattern at {@code rate} (8000 or 48000 Hz). */
    public static short[] pattern(int rate) {
        final int chirpSamples = (int) (CHIRP_SECONDS * rate);
        final short[] chirp = Tones.chirp(300, 3000, 0.5, rate, chirpSamples);
        for (int i = 0; i < chirpSamples; i++) { // Hann window: no click at either end
            chirp[i] = (short) Math.round(chirp[i] * 0.5 * (1 - Math.cos(2 * Math.PI * i / (chirpSamples - 1))));
        }
        final short[] out = new short[(int) (SECONDS * rate)];
        for (double start : STARTS) {
            System.arraycopy(chirp, 0, out, (int) Math.round(start * rate), chirpSamples);
        }
        return out;
    }

    /** Boxcar average of each {@code factor} samples: 48 kHz audio to 8 kHz for the correlation (the chirps end at 3 kHz). */
    public static short[] downsample(short[] pcm, int factor) {
        final short[] out = new short[pcm.length / factor];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (int k = 0; k < factor; k++) {
                sum += pcm[i * factor + k];
            }
            out[i] = (short) (sum / factor);
        }
        return out;
    }

    /** Silence (null) until {@link #arm()}, then the pattern 20 ms per call, then silence; one caller thread. */
    public static final class Track implements Supplier<short[]> {
        private final short[] pattern;
        private final int frameSamples;
        private volatile boolean armed;
        private volatile int startFrame = -1;
        private int frames;

        public Track(int rate) {
            this.pattern = pattern(rate);
            this.frameSamples = rate / 50;
        }

        public void arm() {
            armed = true;
        }

        /** The index of the frame that carried the pattern's first 20 ms, or -1 before it was sent. */
        public int startFrame() {
            return startFrame;
        }

        @Override
        public short[] get() {
            final int frame = frames++;
            if (startFrame < 0) {
                if (!armed) {
                    return null;
                }
                startFrame = frame;
            }
            final int from = (frame - startFrame) * frameSamples;
            return from >= pattern.length ? null : Arrays.copyOfRange(pattern, from, from + frameSamples);
        }
    }

    /** Where the pattern was found: arrival minus send time in ms, the correlation peak, or why it was not found. */
    public record Arrival(double latencyMillis, double correlation, String problem) {
        public boolean found() {
            return problem == null;
        }

        public static Arrival missing(String problem) {
            return new Arrival(Double.NaN, Double.NaN, problem);
        }
    }

    /**
     * Locates the pattern in {@code received} (PCM at {@code rate}, the packets' audio in arrival order) by
     * cross-correlation ({@link DelayEstimator}) and times it: the arrival time of the packet that carried the
     * pattern's first sample, plus that sample's place in the packet, minus {@code sentNanos}, the time the packet
     * with the pattern's first sample left the sender.
     * @param packetStarts per packet received: {first sample index in received, arrival System.nanoTime}
     */
    public static Arrival locate(short[] received, int rate, List<long[]> packetStarts, long sentNanos) {
        long firstAfterSend = -1;
        for (long[] p : packetStarts) {
            if (p[1] >= sentNanos) {
                firstAfterSend = p[0];
                break;
            }
        }
        if (firstAfterSend < 0) {
            return Arrival.missing("no audio arrived after the chirps were sent");
        }
        final short[] pattern = pattern(rate);
        final int from = (int) Math.max(0, firstAfterSend - Math.round(SEARCH_BEFORE * rate));
        final int lags = (int) Math.min(Math.round((SEARCH_BEFORE + SEARCH_AFTER) * rate),
                received.length - from - pattern.length);
        if (lags < 0) {
            return Arrival.missing(String.format("only %.2f s of audio arrived after the chirps were sent (%.2f s needed)",
                    (received.length - firstAfterSend) / (double) rate, SECONDS));
        }
        final short[] window = Arrays.copyOfRange(received, from, from + lags + pattern.length);
        final DelayEstimator.Match m = DelayEstimator.find(pattern, window, lags);
        if (m.correlation() < MIN_CORRELATION) {
            return new Arrival(Double.NaN, m.correlation(), String.format("chirps not found: correlation peak %.3f < %.2f"
                    + " within %.1f s after sending", m.correlation(), MIN_CORRELATION, SEARCH_AFTER));
        }
        final int at = from + m.lagSamples();
        long[] carrier = packetStarts.get(0);
        for (long[] p : packetStarts) {
            if (p[0] <= at) {
                carrier = p;
            }
        }
        final double withinPacket = (at - carrier[0]) * 1000.0 / rate;
        return new Arrival((carrier[1] - sentNanos) / 1e6 + withinPacket, m.correlation(), null);
    }
}
