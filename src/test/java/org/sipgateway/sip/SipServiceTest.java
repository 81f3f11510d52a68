package org.sipgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.sip.FreePorts;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.sip.StackLeakCheck;

/** The stack on loopback without external programs: lifecycle, OPTIONS, 405, bind errors. */
class SipServiceTest {

    @Test
    void startAnswerOptionsAndStopLeavesNoThreadOrPortTwice() throws Exception {
        StackLeakCheck leaks = StackLeakCheck.begin();
        String previousName = "";
        for (int i = 0; i < 2; i++) {
            int port = FreePorts.udpAndTcp();
            SipService s = new SipService(SipConfig.builder().port(port).build());
            s.start();
            assertNotEquals(previousName, s.name(), "stack names must be unique per instance");
            previousName = s.name();
            String reply = SipProbe.exchange(port, SipProbe.options(port), 2000);
            assertTrue(reply.startsWith("SIP/2.0 200"), reply);
            assertTrue(reply.contains("Allow: INVITE") || reply.contains("Allow: INVITE,"), reply);
            assertTrue(reply.contains("Supported: timer"), reply);
            s.stop();
            leaks.assertNoLeak(port);
        }
    }

    @Test
    void stoppingOneServiceLeavesAnotherWorkingOverUdpAndTcp() throws Exception {
        int portA = FreePorts.udpAndTcp();
        int portB = FreePorts.udpAndTcp();
        SipService a = new SipService(SipConfig.builder().port(portA).build());
        SipService b = new SipService(SipConfig.builder().port(portB).build());
        a.start();
        b.start();
        try {
            assertTrue(SipProbe.exchangeTcp(portA, SipProbe.options(portA), 2000).startsWith("SIP/2.0 200"));
            a.stop();
            assertTrue(SipProbe.exchange(portB, SipProbe.options(portB), 2000).startsWith("SIP/2.0 200"));
            String tcp = SipProbe.exchangeTcp(portB, SipProbe.options(portB), 2000);
            assertTrue(tcp.startsWith("SIP/2.0 200"), tcp);
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void ipv6LoopbackWorks() throws Exception {
        int port = FreePorts.udpAndTcp();
        SipService s = new SipService(SipConfig.builder().address("::1").port(port).transports("udp").build());
        s.start();
        try {
            String options = SipProbe.options(port).replace("127.0.0.1", "[::1]");
            String reply = SipProbe.exchange(java.net.InetAddress.getByName("::1"), port, options, 2000);
            assertTrue(reply.startsWith("SIP/2.0 200"), reply);
        } finally {
            s.stop();
        }
    }

    @Test
    void unsupportedMethodGets405WithAllow() throws Exception {
        int port = FreePorts.udpAndTcp();
        SipService s = new SipService(SipConfig.builder().port(port).build());
        s.start();
        try {
            String reply = SipProbe.exchange(port, SipProbe.options(port).replace("OPTIONS", "SUBSCRIBE"), 2000);
            assertTrue(reply.startsWith("SIP/2.0 405"), reply);
            assertTrue(reply.contains("Allow:"), reply);
        } finally {
            s.stop();
        }
    }

    @Test
    void busyPortFailsWithAMessageNamingAddressAndPort() throws Exception {
        StackLeakCheck leaks = StackLeakCheck.begin();
        try (DatagramSocket busy = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = busy.getLocalPort();
            SipService s = new SipService(SipConfig.builder().port(port).transports("udp").build());
            SipServiceException e = assertThrows(SipServiceException.class, s::start);
            assertTrue(e.getMessage().contains("udp 127.0.0.1:" + port), e.getMessage());
            s.stop();
        }
        leaks.assertNoLeak(0);
    }

    @Test
    void dialBeforeStartIsAClearError() {
        SipService s = new SipService(SipConfig.builder().build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.dial("100", java.util.Map.of(), new org.sipgateway.sip.sdp.LocalMedia("127.0.0.1", 4000), null));
        assertTrue(e.getMessage().contains("not started"), e.getMessage());
        assertEquals(0, s.calls().size());
    }
}
