package org.sipgateway.testkit.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ephemeral loopback ports that are free right now for both UDP and TCP (SIP listens on both). */
public final class FreePorts {

    private FreePorts() {
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free for UDP and TCP on 127.0.0.1, never the same one twice in this JVM (a fixture takes
     * several before it binds any); bounded number of tries.
     */
    public static int udpAndTcp() {
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback(), 0))) {
                int port = udp.getLocalPort();
                if (HANDED_OUT.contains(port)) {
                    continue;
                }
                try (ServerSocket tcp = new ServerSocket()) {
                    tcp.setReuseAddress(false);
                    tcp.bind(new InetSocketAddress(loopback(), port));
                    HANDED_OUT.add(port);
                    return port;
                } catch (IOException busy) {
                    // taken on TCP: try another
                }
            } catch (IOException e) {
                throw new IllegalStateException("no UDP socket on loopback", e);
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP after 50 tries");
    }

    /** Whether both UDP and TCP can bind this port again (nothing of ours still holds it). */
    public static boolean isFree(int port) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback(), port));
             ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(loopback(), port));
            return udp.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    /** Start of a run of {@code count} consecutive free UDP ports (for RTP ranges). */
    public static int udpRange(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int start = 20000 + (int) (Math.random() * 30000);
            start -= start % 2;
            boolean ok = true;
            for (int p = start; p < start + count && ok; p++) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback(), p))) {
                    s.getLocalPort();
                } catch (IOException e) {
                    ok = false;
                }
            }
            if (ok) {
                return start;
            }
        }
        throw new IllegalStateException("no run of " + count + " free UDP ports found");
    }

    static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
