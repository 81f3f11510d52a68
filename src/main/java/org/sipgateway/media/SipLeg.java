package org.sipgateway.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.List;
import org.sipgateway.media.codec.AudioEncoder;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.mix.InboundAudio;
import org.sipgateway.media.mix.MixClock;
import org.sipgateway.media.rtp.DtmfReceiver;
import org.sipgateway.media.rtp.DtmfSender;
import org.sipgateway.media.rtp.JitterBuffer;
import org.sipgateway.media.rtp.RtcpReport;
import org.sipgateway.media.rtp.RtpPacket;
import org.sipgateway.media.rtp.RtpPacketBuilder;
import org.sipgateway.media.transport.SipRtpSocket;

/**
 * The SIP side of one call: plain RTP on a pooled UDP socket, drained on each tick (no thread). Receives the
 * caller's voice into a jitter buffer and RFC 4733 digits; sends the conference mix packetised to the negotiated
 * ptime, with RFC 4733 events replacing audio while a digit plays.
 */
final class SipLeg implements AutoCloseable
{
    private static final int MAX_DATAGRAMS_PER_TICK = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SipLegParams params;
    private final SipRtpSocket socket;
    private final InboundAudio inbound;
    private final DtmfReceiver dtmfReceiver;
    private final AudioEncoder encoder;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(2048);
    private final short[] pending;
    private final int packetSamples;
    private final byte[] payload = new byte[1500];
    private final ArrayDeque<List<DtmfSender.Step>> dtmfQueue = new ArrayDeque<>();
    private final int ssrc = RANDOM.nextInt();
    private volatile InetSocketAddress remote;
    private int pendingCount;
    private int sequence = RANDOM.nextInt(0x10000); // random initial values (RFC 3550 section 5.1)
    private long timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    private boolean markNext = true;
    private List<DtmfSender.Step> dtmfPlaying;
    private int dtmfTick;
    private long dtmfTimestamp;
    private long packetsSent;
    private long datagramsReceived;
    private volatile long lastReceivedNanos;
    private volatile int remoteSsrc;
    private volatile double remoteReportedLoss = -1;
    private volatile double roundTripMillis = -1;
    private volatile long lastSrNtpMiddle;   // from the peer's last sender report, echoed as LSR
    private volatile long lastSrUnixMillis;
    private long octetsSent;
    private final long[] reportState = new long[2];

    SipLeg(SipLegParams params, SipRtpSocket socket, CodecFactory codecs, MediaConfig config, MediaListener listener)
    {
        this.params = params;
        this.socket = socket;
        this.remote = params.remote();
        int rate = params.codec().pcmRate();
        this.encoder = codecs.encoder(params.codec(), rate);
        int clock = params.codec().rtpClockRate();
        JitterBuffer buffer = new JitterBuffer(Math.max(1, config.jitterMinMillis() / params.ptimeMillis()),
            Math.max(2, config.jitterMaxMillis() / params.ptimeMillis()), params.ptimeMillis(), clock);
        this.inbound = new InboundAudio(buffer, codecs.decoder(params.codec(), rate));
        this.dtmfReceiver = new DtmfReceiver(8000, listener::onDtmfFromSip); // telephone-event/8000 (RFC 4733 section 7.1.1)
        this.packetSamples = rate * params.ptimeMillis() / 1000;
        this.pending = new short[packetSamples + rate * MixClock.TICK_MILLIS / 1000];
    }

    int localPort() { return socket.localPort(); }

    InetSocketAddress localAddress() throws IOException { return socket.localAddress(); }

    void setRemote(InetSocketAddress address) { this.remote = address; }

    long lastReceivedNanos() { return lastReceivedNanos; }

    void markStarted(long nanos) { lastReceivedNanos = nanos; }

    /** Reads every waiting datagram; latches onto the first source when the peer's address is not known yet. */
    void drain(long nowNanos) throws IOException
    {
        drainRtcp(nowNanos);
        for (int i = 0; i < MAX_DATAGRAMS_PER_TICK; i++)
        {
            receiveBuffer.clear();
            SocketAddress from = socket.receive(receiveBuffer);
            if (from == null)
                return;
            int length = receiveBuffer.position();
            if (length >= 2 && (receiveBuffer.get(1) & 0xFF) >= 192 && (receiveBuffer.get(1) & 0xFF) <= 223)
            {
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
            if (p.payloadType() == params.payloadType())
                inbound.insert(p.sequenceNumber(), p.timestamp(), p.payloadType(), p.payload(), nowNanos);
            else if (p.payloadType() == params.telephoneEventPayloadType())
                dtmfReceiver.receive(p.timestamp(), p.buffer(), p.payloadOffset(), p.payloadLength());
        }
    }

    private void drainRtcp(long nowNanos) throws IOException
    {
        for (int i = 0; i < MAX_DATAGRAMS_PER_TICK; i++)
        {
            receiveBuffer.clear();
            if (socket.receiveRtcp(receiveBuffer) == null)
                return;
            lastReceivedNanos = nowNanos; // RTCP alone keeps a call alive (a phone on mute may send only RTCP)
            long now = System.currentTimeMillis();
            for (RtcpReport.Report r : RtcpReport.parse(receiveBuffer.array(), 0, receiveBuffer.position()))
            {
                if (r.packetType() == RtcpReport.SENDER_REPORT)
                {
                    lastSrNtpMiddle = r.ntpMiddle();
                    lastSrUnixMillis = now;
                }
                for (RtcpReport.Block b : r.blocks())
                    if (b.ssrc() == ssrc)
                    {
                        remoteReportedLoss = b.fractionLost() / 256.0;
                        double rtt = RtcpReport.roundTripMillis(b, now);
                        if (rtt >= 0)
                            roundTripMillis = rtt;
                    }
            }
        }
    }

    /** Sends an RTCP sender report to the peer's RTP port + 1 (RFC 3550 section 11) with a block about the caller. */
    synchronized void sendReport() throws IOException
    {
        InetSocketAddress to = remote;
        if (to == null)
            return;
        java.util.List<RtcpReport.Block> blocks = datagramsReceived == 0 ? java.util.List.of()
            : java.util.List.of(RtcpReport.blockFor(remoteSsrc, inbound.jitterBuffer().statistics(), reportState,
                lastSrNtpMiddle, lastSrUnixMillis));
        byte[] sr = RtcpReport.senderReport(ssrc, System.currentTimeMillis(), timestamp, packetsSent, octetsSent, blocks);
        socket.sendRtcp(sr, 0, sr.length, new InetSocketAddress(to.getAddress(), to.getPort() + 1));
    }

    boolean readCallerFrame(short[] out) { return inbound.nextFrame(out); }

    synchronized void queueDtmf(char digit, int durationMillis)
    {
        if (params.telephoneEventPayloadType() < 0)
            throw new IllegalStateException("the SIP peer did not negotiate telephone-event: cannot send DTMF '" + digit + "'");
        dtmfQueue.add(DtmfSender.plan(digit, durationMillis, 8000));
    }

    /** Takes one 20 ms mix frame: sends audio packets (or a DTMF event packet) to the peer. */
    synchronized void sendFrame(short[] frame) throws IOException
    {
        InetSocketAddress to = remote;
        long frameTicks = params.codec().rtpTicks(frame.length);
        if (dtmfPlaying == null && !dtmfQueue.isEmpty())
        {
            dtmfPlaying = dtmfQueue.poll();
            dtmfTick = 0;
            dtmfTimestamp = timestamp; // the event's timestamp is its start (RFC 4733 section 2.5.1.2)
            pendingCount = 0;
        }
        if (dtmfPlaying != null)
        {
            for (DtmfSender.Step step : dtmfPlaying)
                if (step.tick() == dtmfTick && to != null)
                    send(to, params.telephoneEventPayloadType(), step.marker(), dtmfTimestamp, step.event().toBytes(), 4);
            dtmfTick++;
            timestamp += frameTicks;
            if (dtmfTick > dtmfPlaying.get(dtmfPlaying.size() - 1).tick())
            {
                dtmfPlaying = null;
                markNext = true;
            }
            return;
        }
        System.arraycopy(frame, 0, pending, pendingCount, frame.length);
        pendingCount += frame.length;
        while (pendingCount >= packetSamples)
        {
            int n = encoder.encode(pending, 0, packetSamples, payload, 0);
            if (to != null)
                send(to, params.payloadType(), markNext, timestamp, payload, n);
            markNext = false;
            timestamp += params.codec().rtpTicks(packetSamples);
            pendingCount -= packetSamples;
            System.arraycopy(pending, packetSamples, pending, 0, pendingCount);
        }
    }

    private void send(InetSocketAddress to, int payloadType, boolean marker, long ts, byte[] data, int length) throws IOException
    {
        byte[] packet = new RtpPacketBuilder().payloadType(payloadType).marker(marker).sequenceNumber(sequence++)
            .timestamp(ts).ssrc(ssrc).payload(data, 0, length).build();
        socket.send(packet, 0, packet.length, to);
        packetsSent++;
        octetsSent += length;
    }

    StreamStats stats()
    {
        JitterBuffer b = inbound.jitterBuffer();
        return new StreamStats(datagramsReceived, packetsSent, b.statistics().lost(), b.statistics().jitterMillis(), b.concealed(),
            remoteReportedLoss, roundTripMillis);
    }

    @Override
    public void close()
    {
        socket.close();
        inbound.close();
        encoder.close();
    }
}
