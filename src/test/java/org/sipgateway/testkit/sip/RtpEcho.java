package org.sipgateway.testkit.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in media endpoint for signalling tests: reflects every RTP packet to its sender (with another
 * SSRC, so the phone takes it as the far end). The phone then hears its own tone: proof that both
 * directions of the media path the SDP described work. Real media comes from media/.
 */
public final class RtpEcho implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger packets = new AtomicInteger();
    private volatile int firstPayloadType = -1;
    private volatile int firstSourcePort = -1;

    public RtpEcho(int port) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
        thread = new Thread(this::run, "rtp-echo-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                if (p.getLength() < 12 || (buf[0] & 0xc0) != 0x80) {
                    continue; // not RTP version 2
                }
                if (packets.getAndIncrement() == 0) {
                    firstPayloadType = buf[1] & 0x7f;
                    firstSourcePort = p.getPort();
                }
                buf[8] ^= (byte) 0x5a; // another SSRC
                socket.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    public int packets() {
        return packets.get();
    }

    /** Payload type of the first packet, -1 before any arrived. */
    public int firstPayloadType() {
        return firstPayloadType;
    }

    /** UDP source port of the first packet (symmetric RTP: the port in the peer's SDP). */
    public int firstSourcePort() {
        return firstSourcePort;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
