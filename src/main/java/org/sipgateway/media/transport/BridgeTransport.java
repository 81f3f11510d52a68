package org.sipgateway.media.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media transport toward a videobridge: ICE (ice4j) then DTLS 1.2 (BouncyCastle) on the selected pair, then
 * SRTP with the exported keys. One reader thread per transport demultiplexes the socket by first byte
 * (RFC 7983 section 7): DTLS to the handshake, RTP/RTCP (RFC 5761 section 4) unprotected to the listener.
 */
public final class BridgeTransport implements AutoCloseable {
    /** What the transport reports. Called on the transport's own threads: return quickly. */
    public interface Listener {
        void onConnected();

        void onFailed(String reason);

        void onRtp(byte[] packet, int offset, int length, long arrivalNanos);

        default void onRtcp(byte[] packet, int offset, int length) { }
    }

    static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(BridgeTransport.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    public static final String THREAD_PREFIX = "sipgw-media-bridge-";

    private final int id = IDS.incrementAndGet();
    private final IceTransport ice;
    private final DtlsIdentity identity;
    private final DtlsRole role;
    private final Listener listener;
    private final DemuxedDtlsTransport dtlsChannel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DTLSTransport dtls;
    private volatile SrtpSession srtp;
    private volatile SrtpKeyingMaterial keys;
    private volatile Thread reader;
    private volatile Thread handshaker;

    public BridgeTransport(IceSettings settings, boolean iceControlling, DtlsIdentity identity, DtlsRole role, Listener listener)
        throws IOException {
        this.ice = new IceTransport(iceControlling, settings);
        this.identity = identity;
        this.role = role;
        this.listener = listener;
        this.dtlsChannel = new DemuxedDtlsTransport(ice);
    }

    public IceDescription localIce() { return ice.localDescription(); }

    public String localFingerprint() { return identity.fingerprint(); }

    public DtlsRole dtlsRole() { return role; }

    /** Starts ICE checks; DTLS follows on connection; the listener hears connected or failed. */
    public void start(IceDescription remoteIce, String remoteFingerprint) {
        ice.connected().whenComplete((socket, error) -> {
            if (error != null)
                fail("ICE: " + rootMessage(error));
            else if (!closed.get())
                beginDtls(socket, remoteFingerprint);
        });
        ice.start(remoteIce);
    }

    private void beginDtls(DatagramSocket socket, String remoteFingerprint) {
        String tag = role.name().toLowerCase(java.util.Locale.ROOT);
        reader = new Thread(() -> readLoop(socket), THREAD_PREFIX + tag + "-rx-" + id);
        reader.setDaemon(true);
        reader.start();
        handshaker = new Thread(() -> handshake(remoteFingerprint), THREAD_PREFIX + tag + "-dtls-" + id);
        handshaker.setDaemon(true);
        handshaker.start();
    }

    private void handshake(String remoteFingerprint) {
        try {
            long start = System.nanoTime();
            if (role == DtlsRole.CLIENT) {
                DtlsSrtpClient client = new DtlsSrtpClient(identity, remoteFingerprint);
                dtls = new DTLSClientProtocol().connect(client, dtlsChannel);
                keys = client.keyingMaterial();
            } else {
                DtlsSrtpServer server = new DtlsSrtpServer(identity, remoteFingerprint);
                dtls = new DTLSServerProtocol().accept(server, dtlsChannel);
                keys = server.keyingMaterial();
            }
            srtp = new SrtpSession(keys, role == DtlsRole.CLIENT);
            LOG.debug("bridge transport {}: DTLS {} handshake done in {} ms", id, role, (System.nanoTime() - start) / 1_000_000);
            if (!closed.get())
                listener.onConnected();
        } catch (IOException | RuntimeException e) {
            fail("DTLS handshake: " + rootMessage(e));
        }
    }

    private void readLoop(DatagramSocket socket) {
        byte[] buffer = new byte[1600];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(200); // wake up to notice close()
        } catch (IOException ignored) {
            // the loop below still ends when the socket closes
        }
        while (!closed.get()) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (!closed.get())
                    fail("socket: " + e.getMessage());
                return;
            }
            dispatch(buffer, datagram.getLength());
        }
    }

    private void dispatch(byte[] buffer, int length) {
        if (length < 1)
            return;
        int first = buffer[0] & 0xFF;
        if (first >= 20 && first <= 63) {
            dtlsChannel.offer(java.util.Arrays.copyOf(buffer, length));
            DTLSTransport established = dtls;
            if (established != null)
                serviceDtls(established); // retransmitted handshake flights or close_notify after the handshake
            return;
        }
        SrtpSession session = srtp;
        if (first < 128 || first > 191 || session == null || length < 8)
            return;
        int payloadType = buffer[1] & 0xFF;
        if (payloadType >= 192 && payloadType <= 223) { // RTCP packet types 192..223 (RFC 5761 section 4)
            int n = session.unprotectRtcp(buffer, 0, length);
            if (n > 0)
                listener.onRtcp(buffer, 0, n);
            return;
        }
        long arrival = System.nanoTime();
        int n = session.unprotectRtp(buffer, 0, length);
        if (n > 0)
            listener.onRtp(buffer, 0, n, arrival);
    }

    private void serviceDtls(DTLSTransport established) {
        try {
            byte[] sink = new byte[established.getReceiveLimit()];
            if (established.receive(sink, 0, sink.length, 1) < 0 && closed.get())
                return;
        } catch (IOException e) {
            fail("DTLS closed by peer: " + rootMessage(e));
        }
    }

    /** Protects and sends an RTP packet; silently dropped before the transport is connected. */
    public boolean sendRtp(byte[] packet, int length) {
        return protectAndSend(packet, length, false);
    }

    /** Protects and sends an RTCP compound packet. */
    public boolean sendRtcp(byte[] packet, int length) {
        return protectAndSend(packet, length, true);
    }

    private boolean protectAndSend(byte[] packet, int length, boolean rtcp) {
        SrtpSession session = srtp;
        if (session == null || closed.get())
            return false;
        try {
            int[] outLength = new int[1];
            byte[] out = rtcp ? session.protectRtcp(packet, length, outLength) : session.protectRtp(packet, length, outLength);
            ice.send(out, 0, outLength[0]);
            return true;
        } catch (IOException | java.security.GeneralSecurityException e) {
            LOG.debug("bridge transport {}: send failed: {}", id, e.getMessage());
            return false;
        }
    }

    public boolean isConnected() { return srtp != null && !closed.get(); }

    /** The exported SRTP keys once connected (tests compare both ends). */
    public SrtpKeyingMaterial keyingMaterial() { return keys; }

    private void fail(String reason) {
        if (closed.get())
            return;
        LOG.info("bridge transport {} failed: {}", id, reason);
        listener.onFailed(reason);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true))
            return;
        dtlsChannel.close();
        DTLSTransport established = dtls;
        if (established != null) {
            try {
                established.close(); // sends close_notify
            } catch (IOException ignored) {
                // the peer may already be gone
            }
        }
        ice.close();
        SrtpSession session = srtp;
        if (session != null)
            session.close();
        join(handshaker);
        join(reader);
    }

    private static void join(Thread t) {
        if (t == null || t == Thread.currentThread())
            return;
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t)
            t = t.getCause();
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
