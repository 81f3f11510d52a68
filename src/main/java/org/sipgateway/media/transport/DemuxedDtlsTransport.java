package org.sipgateway.media.transport;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * BouncyCastle's view of the ICE socket: sends go straight out on the selected pair; receives come from a queue
 * that the socket reader fills with the datagrams whose first byte says DTLS (20..63, RFC 7983 section 7).
 */
final class DemuxedDtlsTransport implements DatagramTransport {
    private static final int MTU = 1200;
    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(64);
    private final IceTransport ice;
    private volatile boolean closed;

    DemuxedDtlsTransport(IceTransport ice) {
        this.ice = ice;
    }

    /** Called by the socket reader for every DTLS datagram; drops when the handshake thread is not keeping up. */
    void offer(byte[] datagram) {
        inbound.offer(datagram);
    }

    @Override
    public int getReceiveLimit() { return 1500; }

    @Override
    public int getSendLimit() { return MTU; }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed)
            throw new IOException("DTLS transport closed");
        try {
            byte[] d = inbound.poll(Math.max(waitMillis, 1), TimeUnit.MILLISECONDS);
            if (d == null)
                return -1;
            int n = Math.min(len, d.length);
            System.arraycopy(d, 0, buf, off, n);
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed)
            throw new IOException("DTLS transport closed");
        ice.send(buf, off, len);
    }

    @Override
    public void close() {
        closed = true;
    }
}
