package org.sipgateway.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireProcess;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** 100,000 mutated SIP requests over UDP: the gateway keeps answering, leaks no threads, and still connects a call. */
class SipFuzzIT {
    private static final Duration ASK = Duration.ofSeconds(20);
    private static final int MESSAGES = Integer.getInteger("fuzz.messages", 100_000);
    private static final int PROBE_EVERY = 500;
    private static final int PER_MS_BATCH = 25; // 25 messages per 20 ms: 1,250/s, about 80 s for 100,000

    @Test
    void mutatedRequestsLeaveTheGatewayAnsweringAndCallsConnecting(TestInfo info) throws Exception {
        final long seed = Long.getLong("fuzz.seed", System.nanoTime());
        final RunDir run = RunDir.create(info.getDisplayName());
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("sip-fuzz")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32"));
                FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                        "fuzz@conference.localhost", FocusPeer.RoomSetup.OPEN);
                AutoFocus autoFocus = AutoFocus.start(focus);
                DatagramSocket out = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            final OpenfireProcess of = openfire.process();
            final int port = openfire.sipPort();
            final String why = "seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")";
            assertTrue(SipProbe.options(port, 5000), "answers before the fuzz");
            final int threadsBefore = of.threadReport(ASK).pluginThreads().size();
            final SipFuzzer fuzzer = new SipFuzzer(seed, port, out.getLocalPort());
            final InetSocketAddress gateway = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
            int unanswered = 0;
            int probes = 0;
            final long started = System.nanoTime();
            for (int i = 1; i <= MESSAGES; i++) {
                final byte[] m = fuzzer.next();
                out.send(new DatagramPacket(m, Math.min(m.length, 65_000), gateway));
                if (i % PER_MS_BATCH == 0) {
                    Thread.sleep(20);
                }
                if (i % PROBE_EVERY == 0) {
                    probes++;
                    if (!answered(port)) {
                        unanswered++;
                    }
                }
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(400).toNanos(), "fuzz too slow, " + why);
            }
            System.out.printf("SipFuzzIT: %d messages in %d s, %d probes, %d unanswered, %s%n", MESSAGES,
                    (System.nanoTime() - started) / 1_000_000_000L, probes, unanswered, why);
            assertEquals(0, unanswered, "well-formed OPTIONS unanswered during the fuzz (of " + probes + "), " + why);
            assertTrue(of.isAlive(), "Openfire alive, " + why);
            // jain-sip keeps each refused INVITE's transaction for Timer H (64*T1 = 32 s, RFC 3261 17.2.1)
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(120),
                    () -> of.threadReport(ASK).pluginThreads().size() <= threadsBefore + 2),
                    "plugin threads back to " + threadsBefore + ", now " + of.threadReport(ASK).pluginThreads() + ", " + why);
            final Sipp.Result call = Sipp.scenario(run, "uac_room_call.xml").target(port).service("gateway")
                    .key("room", "fuzz").calls(1).limit(1).rate(1).quiet().run(Duration.ofSeconds(120));
            assertEquals(0, call.exitCode(), "a call after the fuzz, " + why + ": " + call.describe());
            autoFocus.assertNoFailures();
        }
    }

    /** A well-formed OPTIONS from a separate socket, retransmitted as a UAC would (RFC 3261 17.1.2.1). */
    private static boolean answered(int port) {
        for (int attempt = 0; attempt < 4; attempt++) {
            if (SipProbe.options(port, 2000)) {
                return true;
            }
        }
        return false;
    }
}
