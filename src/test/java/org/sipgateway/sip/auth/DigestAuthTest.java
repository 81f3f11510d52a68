package org.sipgateway.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.TestClock;

class DigestAuthTest {

    // RFC 7616 section 3.9.1 example values
    private static final String CHALLENGE = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
            + "algorithm=%s, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
            + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void md5AndSha256ResponsesMatchRfc7616Example() {
        DigestChallenge md5 = DigestChallenge.parse(CHALLENGE.formatted("MD5")).orElseThrow();
        assertTrue(md5.authorize("Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, CNONCE)
                .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""));
        DigestChallenge sha = DigestChallenge.parse(CHALLENGE.formatted("SHA-256")).orElseThrow();
        assertEquals(DigestAlgorithm.SHA_256, sha.algorithm());
        assertTrue(sha.authorize("Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, CNONCE)
                .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""));
    }

    @Test
    void clientTakesTheFirstChallengeItSupports() {
        DigestChallenge c = DigestChallenge.choose(List.of("Basic realm=\"x\"",
                CHALLENGE.formatted("SHA-512-256"), CHALLENGE.formatted("SHA-256"), CHALLENGE.formatted("MD5")))
                .orElseThrow();
        assertEquals(DigestAlgorithm.SHA_256, c.algorithm());
    }

    @Test
    void serverAcceptsRightPasswordWithEitherAlgorithmAndRefusesWrongOne() {
        DigestServer server = new DigestServer("gw", "trunk", "secret", Clock.systemUTC());
        for (String challenge : server.challenges()) {
            DigestChallenge c = DigestChallenge.parse(challenge).orElseThrow();
            assertTrue(server.verify(c.authorize("trunk", "secret", "INVITE", "sip:1@gw", 1), "INVITE"));
            assertFalse(server.verify(c.authorize("trunk", "wrong", "INVITE", "sip:1@gw", 1), "INVITE"));
            assertFalse(server.verify(c.authorize("other", "secret", "INVITE", "sip:1@gw", 1), "INVITE"));
            assertFalse(server.verify(c.authorize("trunk", "secret", "INVITE", "sip:1@gw", 1), "BYE"));
        }
        assertFalse(server.verify("Digest nonce=\"forged.00\"", "INVITE"));
    }

    @Test
    void expiredNonceIsRefused() {
        TestClock clock = new TestClock(Instant.now());
        DigestServer server = new DigestServer("gw", "u", "p", clock);
        DigestChallenge c = DigestChallenge.parse(server.challenges().get(0)).orElseThrow();
        clock.advance(java.time.Duration.ofSeconds(301));
        assertFalse(server.verify(c.authorize("u", "p", "INVITE", "sip:x@y", 1), "INVITE"));
    }

    @Test
    void policyTrustsNetworksChallengesOthersAndRateLimitsFailures() throws Exception {
        InboundPolicy policy = new InboundPolicy(Cidr.parseList("10.0.0.0/8, ::1"),
                new DigestServer("gw", "u", "p", Clock.systemUTC()), new FailedAuthLimiter(3, 60_000, Clock.systemUTC()));
        assertEquals(InboundPolicy.Verdict.ACCEPT, policy.check(InetAddress.getByName("10.1.2.3"), null, "INVITE"));
        assertEquals(InboundPolicy.Verdict.ACCEPT, policy.check(InetAddress.getByName("::1"), null, "INVITE"));
        InetAddress stranger = InetAddress.getByName("192.0.2.7");
        assertEquals(InboundPolicy.Verdict.CHALLENGE, policy.check(stranger, null, "INVITE"));
        for (int i = 0; i < 3; i++) {
            assertEquals(InboundPolicy.Verdict.FORBIDDEN, policy.check(stranger, "Digest username=\"u\"", "INVITE"));
        }
        assertEquals(InboundPolicy.Verdict.RATE_LIMITED, policy.check(stranger, null, "INVITE"));
    }

    @Test
    void cidrParsingNamesBadInput() {
        assertTrue(Cidr.parse("192.168.0.0/16").contains(addr("192.168.44.1")));
        assertFalse(Cidr.parse("192.168.0.0/17").contains(addr("192.168.200.1")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com"));
        assertTrue(e.getMessage().contains("example.com"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
