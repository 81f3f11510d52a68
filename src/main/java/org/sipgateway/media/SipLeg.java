package org.sipgateway.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.List;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.rtp.DtmfSender;
import org.sipgateway.media.rtp.JitterBuffer;
import org.sipgateway.media.rtp.RtcpReport;
import org.sipgateway.media.rtp.RtpPacket;
import org.sipgateway.media.rtp.RtpPacketBuilder;
import org.sipgateway.media.rtp.TelephoneEvent;
import org.sipgateway.media.transport.SipRtpSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP side of one call: plain RTP on a pooled UDP socket, drained on each tick (no thread). The negotiated codec
 * works in a {@link SipStream}, replaced when a re-INVITE changes it; until the SDP answer arrives there is none and
 * the leg is "not answered": what arrives is discarded and nothing is sent. Sends the conference mix packetised to
 * the negotiated ptime, with RFC 4733 events replacing audio while a digit plays.
 */
final class SipLeg implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipLeg.class);
    private static final int MAX_DATAGRAMS_PER_TICK = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A digit to send, planned when it starts (the event clock is known once answered). */
    private record Digit(char digit, int millis) { }

    private final SipRtpSocket socket;
    private final int mixRate;
    private final CodecFactory codecs;
    private final MediaConfig config;
    private final MediaListener listener;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(2048);
    private final byte[] payload = new byte[1500];
    private final ArrayDeque<Digit> dtmfQueue = new ArrayDeque<>();
    private volatile SipLegParams params; // null until answered; changes only under the session's tick lock
    private volatile SipStream stream;
    private volatile InetSocketAddress remote;
    private int ssrc = RANDOM.nextInt();
    private int sequence = RANDOM.nextInt(0x10000); // random initial values (RFC 3550 section 5.1)
    private long timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    private boolean markNext = true;
    private Digit dtmfDigit;
    private List<DtmfSender.Step> dtmfPlaying;
    private int dtmfTick;
    private long dtmfTimestamp;
    private long packetsSent;      // with the current SSRC, for its sender reports (RFC 3550 section 6.4.1)
    private long octetsSent;
    private long totalPacketsSent; // the whole call, for the stats
    private long datagramsReceived;
    private long retiredLost;      // of streams a codec change replaced, so the stats cover the whole call
    private long retiredConcealed;
    private volatile long lastReceivedNanos;
    private volatile int remoteSsrc;
    private volatile double remoteReportedLoss = -1;
    private volatile double roundTripMillis = -1;
    private volatile long lastSrNtpMiddle;   // from the peer's last sender report, echoed as LSR
    private volatile long lastSrUnixMillis;

    /** A leg not answered yet; {@link #apply} with the negotiated parameters makes it live. */
    SipLeg(SipRtpSocket socket, int mixRate, CodecFactory codecs, MediaConfig config, MediaListener listener) {
        this.socket = socket;
        this.mixRate = mixRate;
        this.codecs = codecs;
        this.config = config;
        this.listener = listener;
    }

    int localPort() { return socket.localPort(); }

    InetSocketAddress localAddress() throws IOException { return socket.localAddress(); }

    void setRemote(InetSocketAddress address) { this.remote = address; }

    boolean isAnswered() { return stream != null; }

    /** The parameters in force, or null before the answer. */
    SipLegParams params() { return params; }

    long lastReceivedNanos() { return lastReceivedNanos; }

    void markStarted(long nanos) { lastReceivedNanos = nanos; }

    /**
     * Builds the codec path for {@code next} (off the tick: a native codec takes a while to create), or returns null
     * when {@code next} keeps the current codec, payload type and ptime.
     */
    SipStream prepare(SipLegParams next) {
        SipStream current = stream;
        return current != null && current.sameAudio(next) ? null : new SipStream(next, mixRate, codecs, config, listener);
    }

    /**
     * Puts {@code next} in force with the stream {@link #prepare} built for it; call with the tick excluded. Returns
     * the stream replaced, for the caller to close, or null. A remote of null keeps the address in use (or learns it).
     */
    synchronized SipStream apply(SipLegParams next, SipStream prepared) {
        SipStream old = stream;
        InetSocketAddress oldRemote = remote;
        params = next;
        if (next.remote() != null)
            remote = next.remote();
        if (prepared != null && dtmfDigit != null) {
            if (!endSent())
                dtmfQueue.addFirst(dtmfDigit); // a digit cut by the codec change plays again from its start
            dtmfDigit = null;
            dtmfPlaying = null;
        }
        if (next.telephoneEventPayloadType() < 0 && (dtmfDigit != null || !dtmfQueue.isEmpty())) {
            LOG.warn("SIP peer negotiated no telephone-event: {} queued digit(s) dropped", dtmfQueue.size() + (dtmfDigit == null ? 0 : 1));
            dtmfQueue.clear();
            dtmfDigit = null;
            dtmfPlaying = null;
            markNext = true;
        }
        if (prepared == null)
            return null;
        if (old != null) {
            JitterBuffer b = old.jitterBuffer();
            retiredLost += b.statistics().lost();
            retiredConcealed += b.concealed();
            if (old.rtpClockRate() != prepared.rtpClockRate())
                newSource(oldRemote);
            else
                timestamp += old.dropPending(); // same clock: one source, the timestamp stays on the sampling clock
        }
        markNext = true; // a new format starts like a talk spurt, so the peer's jitter buffer resynchronises
        stream = prepared;
        return old;
    }

    /** Whether the playing digit's end packet went out (only its repeats are left). */
    private boolean endSent() {
        for (DtmfSender.Step step : dtmfPlaying)
            if (step.tick() < dtmfTick && step.event().end())
                return true;
        return false;
    }

    /** A new RTP clock rate gets a new SSRC, and the old one says BYE (RFC 7160 section 4.1, RFC 3550 section 6.6). */
    private void newSource(InetSocketAddress to) {
        int old = ssrc;
        if (to != null) {
            try {
                byte[] sr = RtcpReport.senderReport(old, System.currentTimeMillis(), timestamp, packetsSent, octetsSent, List.of());
                byte[] bye = RtcpReport.bye(old);
                byte[] compound = java.util.Arrays.copyOf(sr, sr.length + bye.length);
                System.arraycopy(bye, 0, compound, sr.length, bye.length);
                socket.sendRtcp(compound, 0, compound.length, new InetSocketAddress(to.getAddress(), to.getPort() + 1));
            } catch (IOException e) {
                LOG.debug("RTCP BYE for the SIP stream's old SSRC not sent: {}", e.toString());
            }
        }
        do
            ssrc = RANDOM.nextInt();
        while (ssrc == old);
        sequence = RANDOM.nextInt(0x10000);
        timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
        packetsSent = 0;
        octetsSent = 0;
    }

    /** Reads every waiting datagram; latches onto the first source when the peer's address is not known yet. */
    void drain(long nowNanos) throws IOException {
        SipStream s = stream;
        if (s == null) {
            discardWaiting(); // before the answer we cannot decode it, and stale audio must not play later
            return;
        }
        drainRtcp(nowNanos);
        int eventPayloadType = params.telephoneEventPayloadType();
        for (int i = 0; i < MAX_DATAGRAMS_PER_TICK; i++) {
            receiveBuffer.clear();
            SocketAddress from = socket.receive(receiveBuffer);
            if (from == null)
                return;
            int length = receiveBuffer.position();
            if (length >= 2 && (receiveBuffer.get(1) & 0xFF) >= 192 && (receiveBuffer.get(1) & 0xFF) <= 223) {
                lastReceivedNanos = nowNanos; // RTCP muxed on the RTP port by the peer (RFC 5761 section 4)
                continue;
            }
            RtpPacket p = RtpPacket.parse(receiveBuffer.array(), 0, length);
            if (p == null)
                continue; // not RTP: ignore
            datagramsReceived++;
            lastReceivedNanos = nowNanos;
            remoteSsrc = p.ssrc();
            if (remote == null && from instanceof InetSocketAddress address)
                remote = address; // symmetric RTP: answer where the media comes from (RFC 4961)
            s.receive(p, eventPayloadType, nowNanos);
        }
    }

    private void discardWaiting() throws IOException {
        for (int i = 0; i < MAX_DATAGRAMS_PER_TICK; i++) {
            receiveBuffer.clear();
            if (socket.receive(receiveBuffer) == null)
                break;
        }
        for (int i = 0; i < MAX_DATAGRAMS_PER_TICK; i++) {
            receiveBuffer.clear();
            if (socket.receiveRtcp(receiveBuffer) == null)
                break;
        }
    }

    private void drainRtcp(long nowNanos) throws IOException {
        for (int i = 0; i < MAX_DATAGRAMS_PER_TICK; i++) {
            receiveBuffer.clear();
            if (socket.receiveRtcp(receiveBuffer) == null)
                return;
            lastReceivedNanos = nowNanos; // RTCP alone keeps a call alive (a phone on mute may send only RTCP)
            long now = System.currentTimeMillis();
            int ours = ssrc;
            for (RtcpReport.Report r : RtcpReport.parse(receiveBuffer.array(), 0, receiveBuffer.position())) {
                if (r.packetType() == RtcpReport.SENDER_REPORT) {
                    lastSrNtpMiddle = r.ntpMiddle();
                    lastSrUnixMillis = now;
                }
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

    /** Sends an RTCP sender report to the peer's RTP port + 1 (RFC 3550 section 11) with a block about the caller. */
    synchronized void sendReport() throws IOException {
        InetSocketAddress to = remote;
        SipStream s = stream;
        if (to == null || s == null)
            return;
        JitterBuffer b = s.jitterBuffer();
        List<RtcpReport.Block> blocks = b.statistics().packets() == 0 ? List.of()
            : List.of(RtcpReport.blockFor(remoteSsrc, b.statistics(), s.reportState(), lastSrNtpMiddle, lastSrUnixMillis));
        byte[] sr = RtcpReport.senderReport(ssrc, System.currentTimeMillis(), timestamp, packetsSent, octetsSent, blocks);
        socket.sendRtcp(sr, 0, sr.length, new InetSocketAddress(to.getAddress(), to.getPort() + 1));
    }

    /** The caller's next 20 ms at the mix rate; false when silent or not answered yet. */
    boolean readCallerFrame(short[] out, long nowNanos) {
        SipStream s = stream;
        return s != null && s.readCallerFrame(out, nowNanos);
    }

    /** Queues a digit; before the answer it waits (dropped if the answer has no telephone-event). */
    synchronized void queueDtmf(char digit, int durationMillis) {
        if (TelephoneEvent.eventOf(digit) < 0)
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "' (use 0-9, *, #, A-D)");
        SipLegParams p = params;
        if (p != null && p.telephoneEventPayloadType() < 0)
            throw new IllegalStateException("the SIP peer did not negotiate telephone-event: cannot send DTMF '" + digit + "'");
        dtmfQueue.add(new Digit(digit, durationMillis));
    }

    /** Takes one 20 ms mix frame: sends audio packets (or a DTMF event packet) to the peer; nothing before the answer. */
    synchronized void sendFrame(short[] frame) throws IOException {
        SipStream s = stream;
        if (s == null)
            return;
        InetSocketAddress to = remote;
        if (dtmfPlaying == null && !dtmfQueue.isEmpty()) {
            dtmfDigit = dtmfQueue.poll();
            dtmfPlaying = DtmfSender.plan(dtmfDigit.digit(), dtmfDigit.millis(), params.telephoneEventClockRate());
            dtmfTick = 0;
            timestamp += s.dropPending();
            dtmfTimestamp = timestamp; // the event's timestamp is its start (RFC 4733 section 2.5.1.2)
        }
        if (dtmfPlaying != null) {
            for (DtmfSender.Step step : dtmfPlaying)
                if (step.tick() == dtmfTick && to != null)
                    send(to, params.telephoneEventPayloadType(), step.marker(), dtmfTimestamp, step.event().toBytes(), 4);
            dtmfTick++;
            timestamp += s.frameTicks();
            if (dtmfTick > dtmfPlaying.get(dtmfPlaying.size() - 1).tick()) {
                dtmfPlaying = null;
                dtmfDigit = null;
                markNext = true;
            }
            return;
        }
        s.addMixFrame(frame);
        int n;
        while ((n = s.nextPacket(payload)) >= 0) {
            if (to != null)
                send(to, s.params().payloadType(), markNext, timestamp, payload, n);
            markNext = false;
            timestamp += s.packetTicks();
        }
    }

    private void send(InetSocketAddress to, int payloadType, boolean marker, long ts, byte[] data, int length) throws IOException {
        byte[] packet = new RtpPacketBuilder().payloadType(payloadType).marker(marker).sequenceNumber(sequence++)
            .timestamp(ts).ssrc(ssrc).payload(data, 0, length).build();
        socket.send(packet, 0, packet.length, to);
        packetsSent++;
        totalPacketsSent++;
        octetsSent += length;
    }

    /** Counters over the whole call: a codec change adds the replaced stream's loss and concealment. */
    synchronized StreamStats stats() {
        SipStream s = stream;
        JitterBuffer b = s == null ? null : s.jitterBuffer();
        long lost = retiredLost + (b == null ? 0 : b.statistics().lost());
        long concealed = retiredConcealed + (b == null ? 0 : b.concealed());
        return new StreamStats(datagramsReceived, totalPacketsSent, lost, b == null ? 0 : b.statistics().jitterMillis(), concealed,
            remoteReportedLoss, roundTripMillis);
    }

    @Override
    public void close() {
        socket.close();
        SipStream s = stream;
        if (s != null)
            s.close();
    }
}
