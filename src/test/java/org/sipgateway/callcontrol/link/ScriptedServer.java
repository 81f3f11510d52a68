package org.sipgateway.callcontrol.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A loopback TCP server a test scripts by hand, to play an XMPP server's component port exactly. */
final class ScriptedServer implements AutoCloseable {
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:component:accept' from='callcontrol.example.com' id='3BF96D32'>";

    private final ServerSocket server;
    private final List<Connection> connections = new ArrayList<>();

    ScriptedServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next connection the link makes. */
    Connection accept(Duration timeout) throws IOException {
        server.setSoTimeout((int) timeout.toMillis());
        final Connection c = new Connection(server.accept());
        synchronized (connections) {
            connections.add(c);
        }
        return c;
    }

    /** Accepts, answers the header with {@link #HEADER}, reads the handshake and accepts it. */
    Connection acceptAndAuthenticate(Duration timeout) throws IOException {
        final Connection c = accept(timeout);
        c.readUntil("'>", timeout);
        c.write(HEADER);
        c.readUntil("</handshake>", timeout);
        c.write("<handshake/>");
        return c;
    }

    @Override
    public void close() throws IOException {
        synchronized (connections) {
            for (Connection c : connections) {
                c.close();
            }
        }
        server.close();
    }

    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private int consumed;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        /** Reads until {@code marker} arrived; returns what came since the last call, up to and with the marker. */
        String readUntil(String marker, Duration timeout) throws IOException {
            final long end = System.nanoTime() + timeout.toNanos();
            final byte[] buffer = new byte[4096];
            while (true) {
                final String all = received.toString(StandardCharsets.UTF_8);
                final int at = all.indexOf(marker, consumed);
                if (at >= 0) {
                    final String chunk = all.substring(consumed, at + marker.length());
                    consumed = at + marker.length();
                    return chunk;
                }
                final long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no '" + marker + "' within " + timeout + "; got: " + all.substring(consumed));
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                final int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    throw new AssertionError("the link closed the connection before '" + marker + "'; got: "
                            + all.substring(consumed));
                }
                received.write(buffer, 0, n);
            }
        }

        /** True when the link closed its side within the timeout. */
        boolean closedByPeer(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            final byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }

        /** Everything received on this connection so far. */
        String received() {
            return received.toString(StandardCharsets.UTF_8);
        }

        void write(String xml) throws IOException {
            socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
