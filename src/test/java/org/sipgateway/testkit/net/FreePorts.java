package org.sipgateway.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free loopback ports for test servers: tests run beside other builds, so no fixed port is safe. */
public final class FreePorts {
    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    /** A port free for both TCP and UDP on 127.0.0.1, never the same one twice in this JVM. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                final int port = tcp.getLocalPort();
                if (handedOut.contains(port)) {
                    continue;
                }
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    handedOut.add(udp.getLocalPort());
                    return port;
                } catch (IOException busyForUdp) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot probe for a free port", e);
            }
        }
        throw new IllegalStateException("no free loopback port found after 200 attempts");
    }
}
