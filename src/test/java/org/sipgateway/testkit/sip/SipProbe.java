package org.sipgateway.testkit.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw UDP SIP for tests: an OPTIONS ping, or any hand-written (even malformed) message and its reply. */
public final class SipProbe {

    private SipProbe() {
    }

    /** Sends raw text to 127.0.0.1:port (with {@code @LOCALPORT@} replaced); returns the first non-1xx reply, or "". */
    public static String exchange(int port, String message, int timeoutMs) {
        return exchange(FreePorts.loopback(), port, message, timeoutMs);
    }

    /** As {@link #exchange(int, String, int)} toward another loopback address, e.g. {@code ::1}. */
    public static String exchange(java.net.InetAddress host, int port, String message, int timeoutMs) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, 0))) {
            s.setSoTimeout(timeoutMs);
            byte[] out = message.replace("@LOCALPORT@", String.valueOf(s.getLocalPort()))
                    .getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(out, out.length, new InetSocketAddress(host, port)));
            byte[] buf = new byte[8192];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            for (int i = 0; i < 5; i++) {
                s.receive(in);
                String reply = new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
                if (!reply.startsWith("SIP/2.0 1")) {
                    return reply;
                }
            }
            return "";
        } catch (SocketTimeoutException e) {
            return "";
        } catch (IOException e) {
            throw new IllegalStateException("UDP probe to port " + port + " failed", e);
        }
    }

    /** Raw text over a fresh TCP connection ({@code @LOCALPORT@} replaced); returns the first response head, or "". */
    public static String exchangeTcp(int port, String message, int timeoutMs) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress(FreePorts.loopback(), port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            String text = message.replace("@LOCALPORT@", String.valueOf(s.getLocalPort())).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
            s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder in = new StringBuilder();
            java.io.InputStream is = s.getInputStream();
            int c;
            while (in.indexOf("\r\n\r\n") < 0 && (c = is.read()) >= 0) {
                in.append((char) c);
            }
            return in.toString();
        } catch (SocketTimeoutException e) {
            return "";
        } catch (IOException e) {
            throw new IllegalStateException("TCP probe to port " + port + " failed", e);
        }
    }

    /** An OPTIONS ping; true when a 200 came back. */
    public static boolean options(int port, int timeoutMs) {
        return exchange(port, options(port), timeoutMs).startsWith("SIP/2.0 200");
    }

    /** An unauthenticated REGISTER for {@code user}; returns the reply (a registrar's 401 shows its challenge). */
    public static String register(int port, String user) {
        String branch = "z9hG4bK" + Long.toHexString(System.nanoTime());
        return exchange(port, "REGISTER sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:@LOCALPORT@;branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1:" + port + ">;tag=" + branch.substring(7) + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1:" + port + ">\r\n"
                + "Call-ID: " + branch + "@probe\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:@LOCALPORT@>\r\n"
                + "Content-Length: 0\r\n\r\n", 2000);
    }

    public static String options(int port) {
        String branch = "z9hG4bK" + Long.toHexString(System.nanoTime());
        return "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:@LOCALPORT@;branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=" + branch.substring(7) + "\r\n"
                + "To: <sip:127.0.0.1:" + port + ">\r\n"
                + "Call-ID: " + branch + "@probe\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
