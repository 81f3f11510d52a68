package org.sipgateway.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probe's dial-in call, by hand over UDP on loopback (RFC 3261): INVITE with a PCMU offer and the
 * {@code Jitsi-Conference-Room} header, retransmitted until a provisional answer, 1xx, 200, ACK; BYE at the end.
 * The gateway's in-dialog requests are answered (BYE and the rest with 200, a re-INVITE with 488), a repeated 200 is
 * ACKed again. No registrar, no proxy: requests go straight to the gateway's SIP port.
 */
final class ProbeCall implements AutoCloseable {
    /** RFC 3261 17.1.1.1: T1, the first retransmission interval; T2 caps non-INVITE retransmissions (17.1.2.2). */
    private static final long T1_MILLIS = 500;
    private static final long T2_MILLIS = 4000;
    private static final AtomicLong COUNTER = new AtomicLong();
    private final DatagramSocket socket;
    private final InetSocketAddress gateway;
    private final String callId;
    private final String fromHeader;
    private final BlockingQueue<SipMessage> responses = new LinkedBlockingQueue<>();
    private final Thread listener;
    private volatile boolean closed;
    private volatile boolean endedByGateway;
    private volatile String ack;
    private String toHeader;
    private String remoteTarget;
    private double setupMillis;
    private InetSocketAddress gatewayRtp;

    private ProbeCall(int gatewayPort, String shownName) throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(100);
        gateway = new InetSocketAddress(InetAddress.getLoopbackAddress(), gatewayPort);
        final long n = COUNTER.incrementAndGet();
        callId = "probe-" + n + "-" + Long.toHexString(System.nanoTime()) + "@127.0.0.1";
        fromHeader = "\"" + shownName + "\" <sip:probe@127.0.0.1>;tag=pr" + n;
        listener = new Thread(this::listen, "probe-call-sip");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Calls {@code room} through the gateway, shown in the room as {@code shownName}, offering PCMU at {@code rtp};
     * returns once the 200 is ACKed. Fails with the gateway's final answer, or when none came within {@code timeout}.
     */
    static ProbeCall dial(int gatewayPort, String room, String shownName, InetSocketAddress rtp, Duration timeout)
            throws IOException, InterruptedException {
        final ProbeCall call = new ProbeCall(gatewayPort, shownName);
        try {
            call.invite(room, rtp, timeout);
            return call;
        } catch (IOException | RuntimeException e) {
            call.close();
            throw e;
        }
    }

    private void invite(String room, InetSocketAddress rtp, Duration timeout) throws IOException, InterruptedException {
        final String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtp.getPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n";
        final String branch = branch();
        final String invite = "INVITE sip:gateway@127.0.0.1:" + gateway.getPort() + " SIP/2.0\r\n"
                + via(branch) + "Max-Forwards: 70\r\nFrom: " + fromHeader + "\r\nTo: <sip:gateway@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:probe@127.0.0.1:" + socket.getLocalPort() + ">\r\n"
                + "Jitsi-Conference-Room: " + room + "\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
        final long start = System.nanoTime();
        final long deadline = start + timeout.toNanos();
        long interval = T1_MILLIS;
        long nextSend = start;
        boolean provisional = false;
        while (System.nanoTime() < deadline) {
            if (!provisional && System.nanoTime() >= nextSend) { // RFC 3261 17.1.1.2: Timer A doubles until a 1xx
                send(invite);
                nextSend = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(interval);
                interval *= 2;
            }
            final SipMessage r = responses.poll(50, TimeUnit.MILLISECONDS);
            if (r == null || !r.method().equals("INVITE")) {
                continue;
            }
            if (r.status() < 200) {
                provisional = true;
            } else if (r.status() >= 300) { // RFC 3261 17.1.1.3: the ACK of a failure is part of the INVITE transaction
                send("ACK sip:gateway@127.0.0.1:" + gateway.getPort() + " SIP/2.0\r\n" + via(branch) + "Max-Forwards: 70\r\n"
                        + "From: " + fromHeader + "\r\nTo: " + r.header("To", "t") + "\r\nCall-ID: " + callId
                        + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
                throw new IOException("the gateway answered the probe's INVITE with " + r.startLine());
            } else {
                setupMillis = (System.nanoTime() - start) / 1e6;
                established(r);
                return;
            }
        }
        throw new IOException("no final answer to the probe's INVITE within " + timeout
                + (provisional ? " (a provisional answer came)" : " (no answer at all)"));
    }

    /** The 200: the dialog's remote target and tag, the answer's RTP address (PCMU required), then the ACK. */
    private void established(SipMessage ok) throws IOException {
        toHeader = ok.header("To", "t");
        final String contact = ok.header("Contact", "m");
        remoteTarget = contact == null ? "sip:gateway@127.0.0.1:" + gateway.getPort() : SipMessage.uriOf(contact);
        // RFC 3261 13.2.2.4: the ACK of a 2xx is its own transaction, sent to the remote target
        ack = "ACK " + remoteTarget + " SIP/2.0\r\n" + via(branch()) + "Max-Forwards: 70\r\nFrom: " + fromHeader
                + "\r\nTo: " + toHeader + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
        send(ack);
        final String c = ok.sdpLast("c=");
        final String m = ok.sdpLast("m=audio ");
        final List<String> media = m == null ? List.of() : List.of(m.split("\\s+"));
        if (c == null || media.size() < 3 || !media.subList(2, media.size()).contains("0")) { // port, proto, formats
            throw new IOException("the gateway's answer has no PCMU audio: " + ok.body());
        }
        final String[] conn = c.split("\\s+");
        gatewayRtp = new InetSocketAddress(InetAddress.getByName(conn[conn.length - 1]),
                Integer.parseInt(media.get(0)));
    }

    double setupMillis() {
        return setupMillis;
    }

    InetSocketAddress gatewayRtp() {
        return gatewayRtp;
    }

    boolean endedByGateway() {
        return endedByGateway;
    }

    /** Sends BYE (retransmitted per RFC 3261 17.1.2.2) and returns the final status, or fails after {@code timeout}. */
    int hangUp(Duration timeout) throws IOException, InterruptedException {
        if (endedByGateway) {
            throw new IOException("the gateway ended the probe call before its BYE");
        }
        final String bye = "BYE " + remoteTarget + " SIP/2.0\r\n" + via(branch()) + "Max-Forwards: 70\r\nFrom: "
                + fromHeader + "\r\nTo: " + toHeader + "\r\nCall-ID: " + callId + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
        final long deadline = System.nanoTime() + timeout.toNanos();
        long interval = T1_MILLIS;
        long nextSend = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextSend) {
                send(bye);
                nextSend = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(interval);
                interval = Math.min(interval * 2, T2_MILLIS);
            }
            final SipMessage r = responses.poll(50, TimeUnit.MILLISECONDS);
            if (r != null && r.method().equals("BYE") && r.status() >= 200) {
                return r.status();
            }
        }
        throw new IOException("no final answer to the probe's BYE within " + timeout);
    }

    private void listen() {
        final byte[] buffer = new byte[65535];
        while (!closed) {
            final DatagramPacket d = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(d);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            final SipMessage msg = SipMessage.parse(new String(d.getData(), 0, d.getLength(), StandardCharsets.UTF_8));
            if (msg.isResponse()) {
                if (ack != null && msg.method().equals("INVITE") && msg.status() / 100 == 2) {
                    sendQuietly(ack); // RFC 3261 13.2.2.4: every retransmitted 2xx gets the ACK again
                }
                responses.add(msg);
            } else if (!msg.method().equals("ACK")) {
                if (msg.method().equals("BYE")) {
                    endedByGateway = true;
                }
                sendQuietly(reply(msg, msg.method().equals("INVITE") ? "488 Not Acceptable Here" : "200 OK"));
            }
        }
    }

    /** A response to the gateway's request: Via, From, To, Call-ID and CSeq copied (RFC 3261 8.2.6.2). */
    private static String reply(SipMessage request, String status) {
        final StringBuilder out = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.headerLines("Via", "v")) {
            out.append(line).append("\r\n");
        }
        for (String[] h : new String[][] {{"From", "f"}, {"To", "t"}, {"Call-ID", "i"}, {"CSeq", null}}) {
            request.headerLines(h[0], h[1]).forEach(line -> out.append(line).append("\r\n"));
        }
        return out.append("Content-Length: 0\r\n\r\n").toString();
    }

    private String via(String branch) {
        return "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=" + branch + ";rport\r\n";
    }

    /** RFC 3261 8.1.1.7: branches start with the magic cookie. */
    private static String branch() {
        return "z9hG4bKprobe" + Long.toHexString(System.nanoTime()) + COUNTER.incrementAndGet();
    }

    private void send(String text) throws IOException {
        final byte[] out = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, gateway));
    }

    private void sendQuietly(String text) {
        try {
            send(text);
        } catch (IOException e) {
            // UDP: the other side retransmits
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        socket.close();
        listener.join(2000);
    }
}
