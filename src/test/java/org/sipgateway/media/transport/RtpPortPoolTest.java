package org.sipgateway.media.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RtpPortPoolTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void ephemeralPoolHandsOutDistinctPortsAndTakesThemBack() throws IOException {
        RtpPortPool pool = new RtpPortPool(LOOPBACK, 0, 0);
        try (SipRtpSocket a = pool.allocate(); SipRtpSocket b = pool.allocate()) {
            assertTrue(a.localPort() != b.localPort());
            assertEquals(0, a.localPort() % 2, "RTP even, RTCP on the next port");
            assertEquals(2, pool.inUse());
        }
        assertEquals(0, pool.inUse(), "ports returned on close");
    }

    @Test
    void rangeIsExhaustedWithAClearMessageAndRecovers() throws IOException {
        int base = freeEvenPortPair();
        RtpPortPool pool = new RtpPortPool(LOOPBACK, base, base + 3); // pairs (base, base + 1) and (base + 2, base + 3)
        SipRtpSocket first = pool.allocate();
        SipRtpSocket second = pool.allocate();
        assertEquals(0, first.localPort() % 2, "RTP on even ports (RFC 3550 section 11)");
        IOException e = assertThrows(IOException.class, pool::allocate);
        assertTrue(e.getMessage().contains("no free RTP port in " + base + ".." + (base + 3)), e.getMessage());
        assertTrue(e.getMessage().contains("sipgateway.media.rtp-port-min"), "names the setting");
        int freed = second.localPort();
        second.close();
        try (SipRtpSocket again = pool.allocate()) {
            assertEquals(freed, again.localPort(), "the freed port is reused");
        }
        first.close();
    }

    @Test
    void portsTakenByOthersAreSkipped() throws IOException {
        int base = freeEvenPortPair();
        try (DatagramSocket squatter = new DatagramSocket(base, LOOPBACK)) {
            RtpPortPool pool = new RtpPortPool(LOOPBACK, base, base + 3);
            try (SipRtpSocket s = pool.allocate()) {
                assertEquals(base + 2, s.localPort());
            }
        }
    }

    @Test
    void invalidRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RtpPortPool(LOOPBACK, 20000, 10000));
        assertThrows(IllegalArgumentException.class, () -> new RtpPortPool(LOOPBACK, 80, 100));
    }

    /** An even port p with p..p + 3 free right now (found through the OS, never a fixed number). */
    private static int freeEvenPortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (DatagramSocket probe = new DatagramSocket(0, LOOPBACK)) {
                p = probe.getLocalPort() & ~1;
            }
            if (p < 1024 || p + 3 > 65535)
                continue;
            try (DatagramSocket a = new DatagramSocket(p, LOOPBACK); DatagramSocket b = new DatagramSocket(p + 1, LOOPBACK);
                DatagramSocket c = new DatagramSocket(p + 2, LOOPBACK); DatagramSocket d = new DatagramSocket(p + 3, LOOPBACK)) {
                return p;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free even port pair found on loopback");
    }
}
