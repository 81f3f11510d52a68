package org.sipgateway.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sipgateway.media.RtpReception;
import org.sipgateway.media.rtp.RtpPacket;
import org.sipgateway.media.rtp.RtpPacketBuilder;

/**
 * The probe phone's media on loopback: PCMU (payload type 0, 8 kHz, RFC 3551 section 4.5.14) out, one 20 ms packet
 * every 20 ms from a frame source (silence when it has none), each stamped with its send time; everything received
 * decoded in arrival order with each packet's arrival time, and its loss and jitter counted ({@link RtpReception}).
 */
final class ProbePhoneMedia implements AutoCloseable {
    static final int RATE = 8000;
    private static final int FRAME = RATE / 50;
    private static final int SSRC = 0x50b0;
    private final DatagramSocket rtp;
    private final DatagramSocket rtcp;
    private final Supplier<short[]> source;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "probe-phone-clock");
        t.setDaemon(true);
        return t;
    });
    private final Thread receiver;
    private final RtpReception reception = new RtpReception(RATE);
    private final short[] heard;
    private int heardSamples;
    private final List<long[]> packetStarts = new ArrayList<>();
    private final List<Long> sendNanos = new ArrayList<>();
    private volatile InetSocketAddress gateway;
    private volatile boolean closed;
    private int sequence = 1;
    private long timestamp = 8000;

    /** @param maxSeconds how much received audio to keep (later audio is counted, not kept) */
    ProbePhoneMedia(Supplier<short[]> source, int maxSeconds) throws IOException {
        this.source = source;
        this.heard = new short[RATE * maxSeconds];
        final DatagramSocket[] pair = evenOddPair();
        rtp = pair[0];
        rtcp = pair[1]; // bound so the gateway's RTCP finds a port; its reports are not read
        rtp.setSoTimeout(100);
        receiver = new Thread(this::receive, "probe-phone-rtp");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** RTP on an even port, RTCP on the next (RFC 3550 section 11), as the SDP's m= line implies. */
    private static DatagramSocket[] evenOddPair() throws IOException {
        for (int attempt = 0; attempt < 64; attempt++) {
            final DatagramSocket even = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            final int port = even.getLocalPort();
            if ((port & 1) == 0 && port < 65535) {
                try {
                    return new DatagramSocket[] {even, new DatagramSocket(port + 1, InetAddress.getLoopbackAddress())};
                } catch (IOException taken) {
                    // try another pair
                }
            }
            even.close();
        }
        throw new IOException("no free even/odd UDP port pair on loopback");
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), rtp.getLocalPort());
    }

    /** Starts sending toward the gateway's RTP address from its SDP answer. */
    void start(InetSocketAddress gatewayRtp) {
        gateway = gatewayRtp;
        clock.scheduleAtFixedRate(this::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
    }

    private void sendFrame() {
        final short[] pcm = source.get();
        final byte[] payload = new byte[FRAME];
        for (int i = 0; i < FRAME; i++) {
            payload[i] = PcmuTone.muLaw(pcm == null ? 0 : pcm[i]);
        }
        final byte[] packet = new RtpPacketBuilder().payloadType(0).sequenceNumber(sequence++).timestamp(timestamp)
                .ssrc(SSRC).payload(payload).build();
        timestamp += FRAME;
        synchronized (sendNanos) {
            sendNanos.add(System.nanoTime());
        }
        try {
            rtp.send(new DatagramPacket(packet, packet.length, gateway));
        } catch (IOException e) {
            // a lost packet: the bridge end counts it
        }
    }

    /** When the {@code frame}-th packet (from 0) was sent. */
    long sendNanos(int frame) {
        synchronized (sendNanos) {
            return sendNanos.get(frame);
        }
    }

    private void receive() {
        final byte[] buffer = new byte[2048];
        while (!closed) {
            final DatagramPacket d = new DatagramPacket(buffer, buffer.length);
            try {
                rtp.receive(d);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            final long arrival = System.nanoTime();
            final RtpPacket p = RtpPacket.parse(buffer, 0, d.getLength());
            if (p == null || p.payloadType() != 0) {
                continue;
            }
            reception.packet(p.sequenceNumber(), p.timestamp(), arrival);
            synchronized (this) {
                final int n = Math.min(p.payloadLength(), heard.length - heardSamples);
                if (n > 0) {
                    packetStarts.add(new long[] {heardSamples, arrival});
                }
                for (int i = 0; i < n; i++) {
                    heard[heardSamples++] = PcmuTone.linear(buffer[p.payloadOffset() + i]);
                }
            }
        }
    }

    /** Loss and jitter of what the gateway sent this phone so far. */
    RtpReception.Counts reception() {
        return reception.counts();
    }

    /** What the phone heard so far (8 kHz) and, per packet, {first sample index, arrival nanos}. */
    synchronized Heard heard() {
        return new Heard(Arrays.copyOf(heard, heardSamples), List.copyOf(packetStarts));
    }

    record Heard(short[] pcm, List<long[]> packetStarts) {
    }

    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        clock.awaitTermination(2, TimeUnit.SECONDS);
        closed = true;
        rtp.close();
        rtcp.close();
        receiver.join(2000);
    }
}
