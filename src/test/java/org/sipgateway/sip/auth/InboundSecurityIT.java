package org.sipgateway.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.sip.TestGateway;

class InboundSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void untrustedSourceGets403AndNeverReachesTheListener(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1/32"))) {
            Sipp.Result r = Sipp.scenario(run, "uac_expect_403.xml").localAddress("127.0.0.2").target(gw.port())
                    .service("100").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals(0, gw.incomingCount());
        }
    }

    @Test
    void digestCallerWithTheConfiguredCredentialGetsIn(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().inboundCredential("trunk", "trunkpw")
                .inboundDigestAlgorithms("MD5,SHA-256"))) {
            gw.onIncoming(c -> {
                c.ringing();
                c.answer(gw.media());
            });
            Sipp.Result ok = Sipp.scenario(run, "uac_auth_call.xml").localAddress("127.0.0.2").target(gw.port())
                    .service("200").auth("trunk", "trunkpw").run(WAIT);
            assertEquals(0, ok.exitCode(), ok.describe());
            assertTrue(ok.messages().contains("WWW-Authenticate: Digest"), ok.describe());
            assertEquals("room1@conference.example.org",
                    gw.nextIncoming(WAIT).header("Jitsi-Conference-Room").orElse(""));
        }
    }

    @Test
    void wrongPasswordGets403LikeAnUnknownUserAndRepeatedFailuresAreRateLimited(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().inboundCredential("trunk", "trunkpw")
                .inboundDigestAlgorithms("MD5,SHA-256")
                .authFailureLimit(3))) {
            for (String user : new String[] {"trunk", "nobody", "trunk"}) {
                Sipp.Result r = Sipp.scenario(run, "uac_auth_403.xml").localAddress("127.0.0.3").target(gw.port())
                        .service("300").auth(user, "wrong").run(WAIT);
                assertEquals(0, r.exitCode(), user + ": " + r.describe());
            }
            // the source is now blocked: no challenge any more, straight 403
            Sipp.Result blocked = Sipp.scenario(run, "uac_expect_403.xml").localAddress("127.0.0.3").target(gw.port())
                    .service("300").run(WAIT);
            assertEquals(0, blocked.exitCode(), blocked.describe());
            // another source is still challenged normally and gets in
            gw.onIncoming(c -> c.answer(gw.media()));
            Sipp.Result other = Sipp.scenario(run, "uac_auth_call.xml").localAddress("127.0.0.4").target(gw.port())
                    .service("300").auth("trunk", "trunkpw").run(WAIT);
            assertEquals(0, other.exitCode(), other.describe());
            assertEquals(1, gw.incomingCount());
        }
    }

    @Test
    void malformedRequestsGet400WithAReasonAndOthersStillWork(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1"))) {
            gw.onIncoming(c -> {
                c.ringing();
                c.answer(gw.media());
            });
            String badSdp = SipProbe.exchange(gw.port(), invite("v=0\r\nm=audio x RTP/AVP 0\r\n", "CSeq: 1 INVITE"), 2000);
            assertTrue(badSdp.contains("SIP/2.0 400 Bad SDP: "), badSdp);
            assertTrue(badSdp.contains("m=audio x"), badSdp);
            String badCseq = SipProbe.exchange(gw.port(), invite("", "CSeq: abc INVITE"), 2000);
            assertTrue(badCseq.startsWith("SIP/2.0 400 Bad Request (CSeq: abc INVITE"), badCseq); // jain-sip's parser
            String badFrom = SipProbe.exchange(gw.port(), invite("", "CSeq: 1 INVITE").replaceFirst("From: [^\r]*", "From: garbage<<"), 2000);
            assertTrue(badFrom.startsWith("SIP/2.0 400 Bad Request (From: garbage<<"), badFrom);
            SipProbe.exchange(gw.port(), "\u0000\u0001garbage\r\n\r\n", 300);
            Sipp.Result r = Sipp.scenario(run, "uac_call.xml").target(gw.port()).service("400").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
        }
    }

    @Test
    void floodFromAnUntrustedAddressLeavesTrustedCallsWorking(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1/32"))) {
            gw.onIncoming(c -> {
                c.ringing();
                c.answer(gw.media());
            });
            try (Sipp flood = Sipp.scenario(run, "uac_expect_403.xml").localAddress("127.0.0.2").target(gw.port())
                    .service("999").calls(2000).rate(200).limit(400).quiet().start()) {
                for (int i = 0; i < 3; i++) {
                    Sipp.Result r = Sipp.scenario(run, "uac_call.xml").target(gw.port()).service("500" + i).run(WAIT);
                    assertEquals(0, r.exitCode(), "trusted call " + i + " during the flood\n" + r.describe());
                }
                Sipp.Result f = flood.await(Duration.ofSeconds(40));
                assertEquals(0, f.exitCode(), "every flood INVITE should have been refused with 403\n" + f.describe());
            }
            assertEquals(3, gw.incomingCount());
        }
    }

    private static String invite(String sdp, String cseq) {
        String branch = "z9hG4bK" + Long.toHexString(System.nanoTime());
        return "INVITE sip:1@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:@LOCALPORT@;branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=" + branch.substring(7) + "\r\n"
                + "To: <sip:1@127.0.0.1>\r\n"
                + "Call-ID: " + branch + "@probe\r\n"
                + cseq + "\r\n"
                + "Contact: <sip:probe@127.0.0.1:@LOCALPORT@>\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }
}
