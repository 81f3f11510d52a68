package org.sipgateway.media;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.AudioDecoder;
import org.sipgateway.media.codec.AudioEncoder;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.codec.OpusSettings;
import org.sipgateway.media.rtp.AudioLevel;
import org.sipgateway.media.rtp.RedPayload;
import org.sipgateway.media.rtp.RtcpReport;
import org.sipgateway.media.rtp.RtpPacket;
import org.sipgateway.media.rtp.RtpPacketBuilder;
import org.sipgateway.media.transport.BridgeTransport;
import org.sipgateway.media.transport.DtlsIdentity;
import org.sipgateway.media.transport.DtlsRole;
import org.sipgateway.media.transport.IceDescription;
import org.sipgateway.media.transport.IceSettings;
import org.sipgateway.testkit.audio.Tones;

/**
 * Plays the videobridge for media tests: ICE controlling, DTLS server, sends Opus speakers (optionally in RED)
 * over SRTP, records what the gateway sends up (decoded) and the audio levels it announced.
 */
public final class TestBridge implements AutoCloseable {
    /** One conference speaker: an SSRC sending a tone. */
    public static final class Speaker {
        final int ssrc;
        final double frequency;
        final double amplitude;
        final boolean red;
        final AudioEncoder encoder;
        int sequence = 1000;
        long timestamp = 5000;
        long samples;
        byte[] previous;
        List<byte[]> loop; // pre-encoded frames for benchmarks
        short[] signal;    // instead of the tone: this 48 kHz PCM, then silence
        java.util.function.Supplier<short[]> live; // instead of the tone: the next 20 ms at 48 kHz, or null for silence
        final List<Long> sendNanos = new CopyOnWriteArrayList<>();

        Speaker(int ssrc, double frequency, double amplitude, boolean red, AudioEncoder encoder) {
            this.ssrc = ssrc;
            this.frequency = frequency;
            this.amplitude = amplitude;
            this.red = red;
            this.encoder = encoder;
        }

        /** When each of this speaker's packets was sent (System.nanoTime), one per 20 ms frame in order. */
        public List<Long> sendNanos() { return sendNanos; }
    }

    private final DtlsIdentity identity = DtlsIdentity.generate("test-bridge");
    private final CodecFactory codecs;
    private final List<Speaker> speakers = new ArrayList<>();
    private final Map<Integer, AudioDecoder> decoders = new ConcurrentHashMap<>();
    private final Map<Integer, List<short[]>> received = new ConcurrentHashMap<>();
    final List<Integer> audioLevels = new CopyOnWriteArrayList<>();
    final List<String> mids = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<RtcpReport.Report> reports = new CopyOnWriteArrayList<>();
    private volatile BridgeTransport transport;
    private volatile CountDownLatch connected = new CountDownLatch(1);
    private volatile boolean benchmark;
    private final java.util.concurrent.atomic.AtomicLong uplinkPackets = new java.util.concurrent.atomic.AtomicLong();
    /** Loss and jitter of each uplink SSRC, counted in benchmark mode too. */
    private final Map<Integer, RtpReception> uplinkReceptions = new ConcurrentHashMap<>();

    /** Benchmark mode: speakers replay one second of pre-encoded Opus and the uplink is counted, not decoded. */
    public void benchmarkMode() {
        benchmark = true;
        for (Speaker s : speakers) {
            s.loop = new ArrayList<>();
            byte[] opus = new byte[1500];
            for (int f = 0; f < 50; f++) {
                short[] pcm = Tones.sine(s.frequency, s.amplitude, 48000, 960, f * 960L);
                s.loop.add(java.util.Arrays.copyOf(opus, s.encoder.encode(pcm, 0, 960, opus, 0)));
            }
        }
    }

    public long uplinkPackets() { return uplinkPackets.get(); }

    /**
     * The uplink's loss (from sequence numbers) and RFC 3550 interarrival jitter, as this bridge received it: packets
     * expected and received summed over the gateway's SSRCs (one per call), the highest jitter of them.
     */
    public RtpReception.Counts uplinkReception() {
        long expected = 0;
        long got = 0;
        double jitter = 0;
        for (RtpReception r : uplinkReceptions.values()) {
            RtpReception.Counts c = r.counts();
            expected += c.expected();
            got += c.received();
            jitter = Math.max(jitter, c.jitterMillis());
        }
        return new RtpReception.Counts(expected, got, jitter);
    }

    /** RFC 6464 levels the gateway announced on its uplink, in arrival order. */
    public List<Integer> audioLevels() { return audioLevels; }

    /** Transport failures this peer saw. */
    public List<String> failures() { return failures; }

    /** RTCP SR/RR the gateway sent. */
    public List<RtcpReport.Report> reports() { return reports; }

    public TestBridge(OpusImplementation opus) throws IOException {
        this.codecs = new CodecFactory(opus, OpusSettings.SPEECH);
        this.transport = newTransport();
    }

    private BridgeTransport newTransport() throws IOException {
        return new BridgeTransport(IceSettings.LOOPBACK, true, identity, DtlsRole.SERVER, new BridgeTransport.Listener() {
            @Override public void onConnected() { connected.countDown(); }

            @Override public void onFailed(String reason) { failures.add(reason); }

            @Override public void onRtp(byte[] packet, int offset, int length, long arrival) { record(RtpPacket.parse(packet, offset, length), arrival); }

            @Override public void onRtcp(byte[] packet, int offset, int length) { reports.addAll(RtcpReport.parse(packet, offset, length)); }
        });
    }

    public IceDescription localIce() { return transport.localIce(); }

    public String fingerprint() { return identity.fingerprint(); }

    public void addSpeaker(int ssrc, double frequency, double amplitude, boolean red) {
        speakers.add(new Speaker(ssrc, frequency, amplitude, red, codecs.encoder(AudioCodec.OPUS, 48000)));
    }

    /** Answers the gateway's description and starts ICE/DTLS as the controlling agent and DTLS server. */
    public void start(LocalBridgeDescription gateway) {
        transport.start(gateway.ice(), gateway.fingerprint());
    }

    public boolean awaitConnected(long millis) throws InterruptedException {
        return connected.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Bridge migration: a new transport; returns its description, to hand to the gateway's replaceBridgeTransport. */
    public BridgeTransport prepareReplacement() throws IOException {
        return newTransport();
    }

    /** Switches sending and receiving to {@code next} and starts it toward the gateway's new description. */
    public void switchTo(BridgeTransport next, LocalBridgeDescription gateway) {
        BridgeTransport old = transport;
        connected = new CountDownLatch(1);
        transport = next;
        next.start(gateway.ice(), gateway.fingerprint());
        old.close();
    }

    /** Sends one 20 ms packet per speaker. */
    public void sendFrame() {
        byte[] opus = new byte[1500];
        for (Speaker s : speakers) {
            byte[] primary;
            int level = 20;
            if (s.loop != null)
                primary = s.loop.get((int) (s.samples / 960 % s.loop.size()));
            else {
                short[] pcm = s.live != null ? liveFrame(s.live)
                    : s.signal == null ? Tones.sine(s.frequency, s.amplitude, 48000, 960, s.samples) : slice(s.signal, s.samples, 960);
                primary = java.util.Arrays.copyOf(opus, s.encoder.encode(pcm, 0, 960, opus, 0));
                level = AudioLevel.of(pcm, 0, 960);
            }
            s.samples += 960;
            byte[] payload = primary;
            int pt = 111;
            if (s.red) {
                List<RedPayload.Block> redundant = s.previous == null ? List.of()
                    : List.of(new RedPayload.Block(111, s.timestamp - 960, s.previous));
                payload = RedPayload.wrap(redundant, new RedPayload.Block(111, s.timestamp, primary));
                pt = 112;
            }
            s.previous = primary;
            byte[] packet = new RtpPacketBuilder().payloadType(pt).sequenceNumber(s.sequence++).timestamp(s.timestamp)
                .ssrc(s.ssrc).extension(1, AudioLevel.encode(level, true)).payload(payload).build(16);
            s.timestamp += 960;
            s.sendNanos.add(System.nanoTime());
            transport.sendRtp(packet, packet.length - 16);
        }
    }

    /**
     * A speaker whose audio comes live from {@code nextFrame} (20 ms at 48 kHz per call, null for silence): how a
     * test makes one gateway caller hear another, as the videobridge forwards each endpoint's stream.
     */
    public Speaker addLiveSpeaker(int ssrc, java.util.function.Supplier<short[]> nextFrame) {
        Speaker s = new Speaker(ssrc, 0, 0, false, codecs.encoder(AudioCodec.OPUS, 48000));
        s.live = nextFrame;
        speakers.add(s);
        return s;
    }

    private static short[] liveFrame(java.util.function.Supplier<short[]> live) {
        short[] frame = live.get();
        return frame != null && frame.length == 960 ? frame : new short[960];
    }

    /** A speaker that says {@code signal48k} once (then silence); returns it so the test can read its send times. */
    public Speaker addSignalSpeaker(int ssrc, short[] signal48k) {
        Speaker s = new Speaker(ssrc, 0, 0, false, codecs.encoder(AudioCodec.OPUS, 48000));
        s.signal = signal48k;
        speakers.add(s);
        return s;
    }

    static short[] slice(short[] signal, long from, int n) {
        short[] out = new short[n];
        if (from < signal.length)
            System.arraycopy(signal, (int) from, out, 0, (int) Math.min(n, signal.length - from));
        return out;
    }

    /** Arrival time of each uplink packet of {@code ssrc}, in the order {@link #receivedAudio} concatenates them. */
    public List<Long> arrivalNanos(int ssrc) {
        return arrivals.getOrDefault(ssrc, List.of());
    }

    private final Map<Integer, List<Long>> arrivals = new ConcurrentHashMap<>();

    private void record(RtpPacket p, long arrivalNanos) {
        if (p == null || p.payloadType() != 111)
            return;
        uplinkPackets.incrementAndGet();
        // Opus's RTP clock is 48 kHz whatever the audio bandwidth (RFC 7587 section 4.1)
        uplinkReceptions.computeIfAbsent(p.ssrc(), k -> new RtpReception(48000)).packet(p.sequenceNumber(), p.timestamp(), arrivalNanos);
        if (benchmark)
            return;
        byte[] level = p.extension(1);
        if (level != null)
            audioLevels.add(AudioLevel.level(level[0]));
        byte[] mid = p.extension(10);
        if (mid != null)
            mids.add(new String(mid, java.nio.charset.StandardCharsets.US_ASCII));
        AudioDecoder d = decoders.computeIfAbsent(p.ssrc(), k -> codecs.decoder(AudioCodec.OPUS, 48000));
        short[] pcm = new short[5760];
        int n = d.decode(p.buffer(), p.payloadOffset(), p.payloadLength(), pcm, 0);
        received.computeIfAbsent(p.ssrc(), k -> new CopyOnWriteArrayList<>()).add(java.util.Arrays.copyOf(pcm, n));
        arrivals.computeIfAbsent(p.ssrc(), k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
    }

    /** Everything received from {@code ssrc} so far, decoded at 48 kHz and concatenated. */
    public short[] receivedAudio(int ssrc) {
        List<short[]> frames = received.getOrDefault(ssrc, List.of());
        return Tones.concat(frames.toArray(new short[0][]));
    }

    /** The {@code index}-th decoded 20 ms frame received from {@code ssrc}, or null when it has not arrived yet. */
    public short[] receivedFrame(int ssrc, int index) {
        List<short[]> frames = received.getOrDefault(ssrc, List.of());
        return index < frames.size() ? frames.get(index) : null;
    }

    public int receivedPackets(int ssrc) {
        return received.getOrDefault(ssrc, List.of()).size();
    }

    @Override
    public void close() {
        transport.close();
        for (Speaker s : speakers)
            s.encoder.close();
        for (AudioDecoder d : decoders.values())
            d.close();
    }
}
