package org.sipgateway.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.AudioEncoder;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.mix.AudioMixer;
import org.sipgateway.media.mix.InboundAudio;
import org.sipgateway.media.rtp.AudioLevel;
import org.sipgateway.media.rtp.JitterBuffer;
import org.sipgateway.media.rtp.RedPayload;
import org.sipgateway.media.rtp.RtcpReport;
import org.sipgateway.media.rtp.RtpPacket;
import org.sipgateway.media.rtp.RtpPacketBuilder;
import org.sipgateway.media.transport.BridgeTransport;
import org.sipgateway.media.transport.DtlsIdentity;
import org.sipgateway.media.transport.DtlsRole;
import org.sipgateway.media.transport.IceDescription;

/**
 * The bridge side of one call: the current {@link BridgeTransport} (replaceable), one {@link InboundAudio} per
 * conference speaker (Opus, RED unwrapped), and the caller's voice going up as Opus with the audio level.
 */
final class BridgeLeg implements AutoCloseable {
    private static final int MAX_SPEAKERS = 64;
    private static final int OPUS_TICKS_PER_FRAME = 960; // 20 ms at the 48 kHz Opus RTP clock (RFC 7587 section 4.1)
    private static final int SRTP_TAIL = 16;

    private final MediaConfig config;
    private final CodecFactory codecs;
    private final DtlsIdentity identity;
    private final MediaListener listener;
    private final int mixRate;
    private final Map<Integer, InboundAudio> speakers = new ConcurrentHashMap<>();
    private final Set<Integer> removedSpeakers = ConcurrentHashMap.newKeySet();
    private final AudioEncoder uplink;
    private final byte[] opusPayload = new byte[1500];
    private volatile BridgeParams params;
    private volatile BridgeTransport transport;
    private volatile BridgeTransport pendingTransport; // a transport-replace waiting for its DTLS handshake
    private volatile long lastReceivedNanos;
    private volatile long connectedNanos;
    private int sequence = new java.security.SecureRandom().nextInt(0x10000);
    private long timestamp = new java.security.SecureRandom().nextInt() & 0xFFFFFFFFL;
    private long packetsSent;
    private long octetsSent;
    private long packetsReceived;
    private volatile double remoteReportedLoss = -1;
    private volatile double roundTripMillis = -1;
    private final Map<Integer, long[]> lastSenderReports = new ConcurrentHashMap<>(); // ssrc -> {ntp middle, unix ms}
    private final Map<Integer, long[]> reportState = new ConcurrentHashMap<>();

    BridgeLeg(BridgeParams params, MediaConfig config, CodecFactory codecs, DtlsIdentity identity, int mixRate,
        MediaListener listener) throws IOException {
        this.params = params;
        this.config = config;
        this.codecs = codecs;
        this.identity = identity;
        this.mixRate = mixRate;
        this.listener = listener;
        this.uplink = codecs.encoder(AudioCodec.OPUS, mixRate); // libopus takes 8/16/48 kHz input as is
        this.transport = newTransport(params);
    }

    private BridgeTransport newTransport(BridgeParams p) throws IOException {
        TransportEvents events = new TransportEvents();
        BridgeTransport t = new BridgeTransport(config.iceSettings(), p.iceControlling(), identity, DtlsRole.CLIENT, events);
        events.owner = t;
        return t;
    }

    LocalBridgeDescription localDescription() {
        return new LocalBridgeDescription(transport.localIce(), identity.fingerprintHash(), identity.fingerprint(), "active");
    }

    void start() {
        BridgeParams p = params;
        transport.start(p.remoteIce(), p.remoteFingerprint());
    }

    /** Jingle transport-replace: a new ICE/DTLS transport; the old one keeps working until the new one is up. */
    LocalBridgeDescription replaceTransport(IceDescription remoteIce, String remoteFingerprint) throws IOException {
        BridgeParams p = params.withTransport(remoteIce, remoteFingerprint);
        BridgeTransport next = newTransport(p);
        params = p;
        LocalBridgeDescription local = new LocalBridgeDescription(next.localIce(), identity.fingerprintHash(), identity.fingerprint(), "active");
        BridgeTransport superseded = pendingTransport;
        pendingTransport = next;
        if (superseded != null)
            superseded.close(); // a second replace before the first connected: the first is dropped
        next.start(remoteIce, remoteFingerprint);
        return local;
    }

    /** Routes one transport's events; events of a transport that is no longer ours are ignored. */
    private final class TransportEvents implements BridgeTransport.Listener {
        volatile BridgeTransport owner;

        @Override
        public void onConnected() {
            if (owner == pendingTransport) {
                BridgeTransport old = transport;
                transport = owner;
                pendingTransport = null;
                old.close();
            }
            if (owner != transport)
                return;
            connectedNanos = System.nanoTime();
            lastReceivedNanos = connectedNanos;
            listener.onBridgeConnected();
        }

        @Override
        public void onFailed(String reason) {
            if (owner == transport || owner == pendingTransport)
                listener.onTransportFailed(reason);
        }

        @Override
        public void onRtp(byte[] packet, int offset, int length, long arrivalNanos) {
            lastReceivedNanos = arrivalNanos;
            receive(RtpPacket.parse(packet, offset, length), arrivalNanos);
        }

        @Override
        public void onRtcp(byte[] packet, int offset, int length) {
            lastReceivedNanos = System.nanoTime(); // RTCP proves the bridge is alive when nobody speaks
            int ours = params.localSsrc();
            long now = System.currentTimeMillis();
            for (RtcpReport.Report r : RtcpReport.parse(packet, offset, length)) {
                if (r.packetType() == RtcpReport.SENDER_REPORT)
                    lastSenderReports.put(r.senderSsrc(), new long[] { r.ntpMiddle(), now });
                for (RtcpReport.Block b : r.blocks())
                    if (b.ssrc() == ours) {
                        remoteReportedLoss = b.fractionLost() / 256.0;
                        double rtt = RtcpReport.roundTripMillis(b, now);
                        if (rtt >= 0)
                            roundTripMillis = rtt;
                    }
            }
        }
    }

    private void receive(RtpPacket p, long arrivalNanos) {
        if (p == null)
            return;
        BridgeParams bp = params;
        int pt = p.payloadType();
        if (pt != bp.opusPayloadType() && pt != bp.redPayloadType())
            return; // telephone-event or unknown: nothing to mix
        InboundAudio speaker = speakerFor(p.ssrc());
        if (speaker == null)
            return;
        synchronized (this) {
            packetsReceived++;
        }
        if (pt == bp.opusPayloadType()) {
            speaker.insert(p.sequenceNumber(), p.timestamp(), pt, p.payload(), arrivalNanos);
            return;
        }
        var blocks = RedPayload.unwrap(p.buffer(), p.payloadOffset(), p.payloadLength(), p.timestamp());
        for (RedPayload.Block b : blocks) {
            if (b.payloadType() != bp.opusPayloadType() || b.data().length == 0)
                continue;
            // a redundant block is the packet sent (offset / 20 ms) earlier: it fills that gap (RFC 2198 section 3)
            long back = ((p.timestamp() - b.timestamp()) & 0xFFFFFFFFL) / OPUS_TICKS_PER_FRAME;
            speaker.insert((p.sequenceNumber() - (int) back) & 0xFFFF, b.timestamp(), b.payloadType(), b.data(), arrivalNanos);
        }
    }

    private InboundAudio speakerFor(int ssrc) {
        InboundAudio s = speakers.get(ssrc);
        if (s != null || removedSpeakers.contains(ssrc) || speakers.size() >= MAX_SPEAKERS)
            return s;
        return speakers.computeIfAbsent(ssrc, k -> newSpeaker());
    }

    private InboundAudio newSpeaker() {
        JitterBuffer buffer = JitterBuffer.ofMillis(config.jitterMinMillis(), config.jitterMaxMillis(), 20, 48000);
        return new InboundAudio(buffer, codecs.decoder(AudioCodec.OPUS, mixRate));
    }

    void addSpeaker(int ssrc) {
        removedSpeakers.remove(ssrc);
        speakerFor(ssrc);
    }

    void removeSpeaker(int ssrc) {
        removedSpeakers.add(ssrc);
        InboundAudio s = speakers.remove(ssrc);
        if (s != null)
            s.close();
    }

    int speakerCount() { return speakers.size(); }

    /** Adds every speaker that has audio this tick to the mixer. */
    void mixSpeakers(AudioMixer mixer, short[] scratch, long nowNanos) {
        for (InboundAudio s : speakers.values())
            if (s.nextFrame(scratch, nowNanos))
                mixer.add(scratch);
    }

    /** Encodes the caller's 20 ms frame to Opus and sends it with the audio level (RFC 6464) and mid. */
    void sendUp(short[] frame) {
        BridgeParams p = params;
        int n = uplink.encode(frame, 0, frame.length, opusPayload, 0);
        RtpPacketBuilder b = new RtpPacketBuilder().payloadType(p.opusPayloadType()).sequenceNumber(sequence++)
            .timestamp(timestamp).ssrc(p.localSsrc()).payload(opusPayload, 0, n);
        timestamp += OPUS_TICKS_PER_FRAME;
        if (p.audioLevelExtensionId() > 0) {
            int level = AudioLevel.of(frame, 0, frame.length);
            b.extension(p.audioLevelExtensionId(), AudioLevel.encode(level, level < AudioLevel.SILENT - 10));
        }
        if (p.midExtensionId() > 0 && p.mid() != null && !p.mid().isEmpty())
            b.extension(p.midExtensionId(), p.mid().getBytes(StandardCharsets.US_ASCII));
        byte[] packet = b.build(SRTP_TAIL);
        if (transport.sendRtp(packet, packet.length - SRTP_TAIL)) {
            packetsSent++;
            octetsSent += n;
        }
    }

    /** Sends an SRTCP sender report for the caller's stream with a reception block per speaker (RFC 3550 section 6.4.1). */
    void sendReport() {
        List<RtcpReport.Block> blocks = new ArrayList<>();
        speakers.forEach((ssrc, s) -> {
            long[] sr = lastSenderReports.getOrDefault(ssrc, new long[2]);
            blocks.add(RtcpReport.blockFor(ssrc, s.jitterBuffer().statistics(), reportState.computeIfAbsent(ssrc, k -> new long[2]),
                sr[0], sr[1]));
        });
        byte[] sr = RtcpReport.senderReport(params.localSsrc(), System.currentTimeMillis(), timestamp, packetsSent, octetsSent, blocks);
        byte[] packet = java.util.Arrays.copyOf(sr, sr.length + 20); // room for the SRTCP index and tag
        transport.sendRtcp(packet, sr.length);
    }

    boolean isConnected() { return connectedNanos != 0 && transport.isConnected(); }

    long connectedNanos() { return connectedNanos; }

    long lastReceivedNanos() { return lastReceivedNanos; }

    synchronized StreamStats stats() {
        long lost = 0, concealed = 0;
        double jitter = 0;
        for (InboundAudio s : speakers.values()) {
            lost += s.jitterBuffer().statistics().lost();
            concealed += s.jitterBuffer().concealed();
            jitter = Math.max(jitter, s.jitterBuffer().statistics().jitterMillis());
        }
        return new StreamStats(packetsReceived, packetsSent, lost, jitter, concealed, remoteReportedLoss, roundTripMillis);
    }

    @Override
    public void close() {
        BridgeTransport pending = pendingTransport;
        if (pending != null)
            pending.close();
        transport.close();
        for (InboundAudio s : speakers.values())
            s.close();
        speakers.clear();
        uplink.close();
    }
}
