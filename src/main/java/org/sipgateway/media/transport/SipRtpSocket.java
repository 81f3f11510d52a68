package org.sipgateway.media.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** A non-blocking UDP socket for plain RTP toward the SIP peer; drained by the mix tick, no thread of its own. */
public final class SipRtpSocket implements AutoCloseable
{
    private final DatagramChannel channel;
    private final int port;
    private final RtpPortPool pool;
    private boolean closed;

    SipRtpSocket(DatagramChannel channel, int port, RtpPortPool pool)
    {
        this.channel = channel;
        this.port = port;
        this.pool = pool;
    }

    public int localPort() { return port; }

    public InetSocketAddress localAddress() throws IOException
    {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Receives one datagram if one is waiting; returns its source, or null when none is. */
    public SocketAddress receive(ByteBuffer into) throws IOException
    {
        return channel.receive(into);
    }

    public void send(byte[] data, int offset, int length, SocketAddress to) throws IOException
    {
        channel.send(ByteBuffer.wrap(data, offset, length), to);
    }

    public synchronized boolean isClosed() { return closed; }

    @Override
    public synchronized void close()
    {
        if (closed)
            return;
        closed = true;
        try
        {
            channel.close();
        }
        catch (IOException ignored)
        {
            // closing a datagram channel does not fail in practice
        }
        pool.release(port);
    }
}
