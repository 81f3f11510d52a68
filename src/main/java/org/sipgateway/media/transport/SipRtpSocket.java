package org.sipgateway.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** Non-blocking UDP sockets for plain RTP (even port) and RTCP (port + 1) toward the SIP peer; drained by the mix tick. */
public final class SipRtpSocket implements AutoCloseable {
    private final DatagramChannel channel;
    private final DatagramChannel rtcpChannel;
    private final int port;
    private final RtpPortPool pool;
    private boolean closed;

    SipRtpSocket(DatagramChannel channel, DatagramChannel rtcpChannel, int port, RtpPortPool pool) {
        this.channel = channel;
        this.rtcpChannel = rtcpChannel;
        this.port = port;
        this.pool = pool;
    }

    public int localPort() { return port; }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Receives one datagram if one is waiting; returns its source, or null when none is. */
    public SocketAddress receive(ByteBuffer into) throws IOException {
        return channel.receive(into);
    }

    public void send(byte[] data, int offset, int length, SocketAddress to) throws IOException {
        channel.send(ByteBuffer.wrap(data, offset, length), to);
    }

    /** Receives one RTCP datagram if one is waiting; returns its source, or null. */
    public SocketAddress receiveRtcp(ByteBuffer into) throws IOException {
        return rtcpChannel.receive(into);
    }

    public void sendRtcp(byte[] data, int offset, int length, SocketAddress to) throws IOException {
        rtcpChannel.send(ByteBuffer.wrap(data, offset, length), to);
    }

    public synchronized boolean isClosed() { return closed; }

    @Override
    public synchronized void close() {
        if (closed)
            return;
        closed = true;
        try {
            channel.close();
            rtcpChannel.close();
        } catch (IOException ignored) {
            // closing a datagram channel does not fail in practice
        }
        pool.release(port);
    }
}
