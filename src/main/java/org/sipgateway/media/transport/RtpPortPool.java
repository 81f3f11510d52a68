package org.sipgateway.media.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;

/**
 * UDP port pairs for SIP-side RTP and RTCP from a configured range ({@code sipgateway.media.rtp-port-min/-max}):
 * RTP on an even port, RTCP on the next odd one (RFC 3550 section 11); ports in use by other programs are skipped;
 * every port comes back on close. A range of 0..0 means "any free pair the OS offers".
 */
public final class RtpPortPool {
    private final InetAddress bindAddress;
    private final int min;
    private final int max;
    private final Set<Integer> inUse = new HashSet<>();
    private int cursor;

    public RtpPortPool(InetAddress bindAddress, int min, int max) {
        boolean ephemeral = min == 0 && max == 0;
        if (!ephemeral && (min < 1024 || max > 65535 || min > max))
            throw new IllegalArgumentException("RTP port range " + min + ".." + max + " is invalid (need 1024 <= min <= max <= 65535, or 0..0)");
        this.bindAddress = bindAddress;
        this.min = min + (min & 1); // start on an even port
        this.max = max;
        this.cursor = this.min;
    }

    /** Binds non-blocking UDP sockets on a free even/odd port pair of the range. */
    public synchronized SipRtpSocket allocate() throws IOException {
        if (min == 0 && max == 0)
            return bindEphemeralPair();
        int candidates = (max - min - 1) / 2 + 1;
        for (int i = 0; i < candidates; i++) {
            int port = cursor;
            cursor = cursor + 3 > max ? min : cursor + 2;
            if (inUse.contains(port))
                continue;
            try {
                return bind(port);
            } catch (BindException taken) {
                // used by someone else: try the next one
            }
        }
        throw new IOException("no free RTP port in " + min + ".." + max + " (" + inUse.size()
            + " used by calls); widen sipgateway.media.rtp-port-min/-max");
    }

    private SipRtpSocket bindEphemeralPair() throws IOException {
        for (int attempt = 0; attempt < 64; attempt++) {
            DatagramChannel probe = open(0);
            int port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
            probe.close();
            if ((port & 1) != 0 || port >= 65535)
                continue;
            try {
                return bind(port);
            } catch (BindException taken) {
                // raced with another program: try another pair
            }
        }
        throw new IOException("no free RTP/RTCP port pair from the OS on " + bindAddress.getHostAddress());
    }

    private SipRtpSocket bind(int port) throws IOException {
        DatagramChannel rtp = open(port);
        DatagramChannel rtcp;
        try {
            rtcp = open(port + 1);
        } catch (IOException e) {
            rtp.close();
            throw e;
        }
        inUse.add(port);
        return new SipRtpSocket(rtp, rtcp, port, this);
    }

    private DatagramChannel open(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(bindAddress, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    synchronized void release(int port) {
        inUse.remove(port);
    }

    public synchronized int inUse() { return inUse.size(); }
}
