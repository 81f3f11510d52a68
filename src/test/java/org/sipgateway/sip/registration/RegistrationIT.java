package org.sipgateway.sip.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.Transport;
import org.sipgateway.sip.call.IncomingCall;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.sip.TestGateway;

class RegistrationIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static void awaitStatus(RegistrationClient rc, RegistrationState.Status status, Duration timeout) {
        assertTrue(ExternalProcess.waitFor(timeout, () -> rc.state().status() == status),
                rc.account() + " not " + status + " within " + timeout + ": " + rc.state());
    }

    /** alice calls {@code user} through Kamailio (407 auth); the gateway must get the INVITE and answer. */
    private static void callReachesGateway(RunDir run, Kamailio k, TestGateway gw, String user) {
        gw.onIncoming(c -> c.answer(gw.media()));
        Sipp.Result r = Sipp.scenario(run, "uac_proxy_call.xml").target(k.port()).service(user)
                .key("caller", "alice").auth("alice", "alicepw").run(WAIT);
        assertEquals(0, r.exitCode(), r.describe());
        IncomingCall call = gw.nextIncoming(WAIT);
        assertTrue(call.requestUri().startsWith("sip:" + user + "@127.0.0.1:" + gw.port()), call.requestUri());
    }

    @Test
    void twoAccountsRegisterOverUdpAndTcpAndCallsToThemArrive(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("bob", "bobpw").user("alice", "alicepw").start();
             TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1")
                     .account(SipAccount.of("gw", "gwpw", k.domain()))
                     .account(SipAccount.of("bob", "bobpw", k.domain()).withTransport(Transport.TCP)))) {
            for (RegistrationClient rc : gw.service().registrations()) {
                awaitStatus(rc, RegistrationState.Status.REGISTERED, WAIT);
                assertEquals("200 OK", rc.state().reason());
                assertTrue(rc.state().expiresAt().isAfter(Instant.now().plusSeconds(60)), rc.state().toString());
            }
            callReachesGateway(run, k, gw, "gw");
            callReachesGateway(run, k, gw, "bob");
        }
    }

    @Test
    void registrarViewOfOurAddressIsReportedWhenItDiffersFromThePublicAddress(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").start();
             TestGateway gw = TestGateway.start(SipConfig.builder().publicAddress("127.0.0.9")
                     .account(SipAccount.of("gw", "gwpw", k.domain())))) {
            RegistrationClient rc = gw.service().registrations().get(0);
            awaitStatus(rc, RegistrationState.Status.REGISTERED, WAIT);
            assertEquals("127.0.0.1:" + gw.port(), rc.state().seenAs(), rc.state().toString());
        }
    }

    @Test
    void serviceUnavailableIsRetriedAndRecovers(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Sipp registrar = Sipp.scenario(run, "registrar_503_then_200.xml").start()) {
            RegistrationClient rc;
            try (TestGateway gw = TestGateway.start(SipConfig.builder().keepaliveSeconds(0).retrySeconds(1, 2)
                    .account(SipAccount.of("gw", "pw", "127.0.0.1:" + registrar.port())))) {
                rc = gw.service().registrations().get(0);
                awaitStatus(rc, RegistrationState.Status.FAILING, WAIT);
                assertEquals("503 Service Unavailable", rc.state().reason());
                awaitStatus(rc, RegistrationState.Status.REGISTERED, WAIT);
                assertTrue(rc.state().expiresAt().isBefore(Instant.now().plusSeconds(61)), rc.state().toString());
            }
            Sipp.Result r = registrar.await(WAIT);
            assertEquals(0, r.exitCode(), "the registrar should have seen the un-REGISTER\n" + r.describe());
        }
    }

    @Test
    void bindingIsRefreshedBeforeItExpires(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Sipp registrar = Sipp.scenario(run, "registrar_short_expiry.xml").start()) {
            try (TestGateway gw = TestGateway.start(SipConfig.builder().keepaliveSeconds(0)
                    .account(SipAccount.of("gw", "pw", "127.0.0.1:" + registrar.port())))) {
                RegistrationClient rc = gw.service().registrations().get(0);
                assertTrue(ExternalProcess.waitFor(WAIT, () -> rc.state().registered()
                        && rc.state().expiresAt().isAfter(Instant.now().plusSeconds(30))), rc.state().toString());
            }
            Sipp.Result r = registrar.await(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.messages().contains("CSeq: 2 REGISTER"), r.describe());
            // RFC 3261 section 10.2.4: refreshes keep the Call-ID
            assertEquals(1, r.messages().lines().filter(l -> l.startsWith("Call-ID:")).distinct().count(), r.describe());
        }
    }

    @Test
    void sha256ChallengeIsAnswered(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").sha256().start();
             TestGateway gw = TestGateway.start(SipConfig.builder().account(SipAccount.of("gw", "gwpw", k.domain())))) {
            String challenge = SipProbe.register(k.port(), "gw");
            assertTrue(challenge.contains("algorithm=SHA-256") && !challenge.contains("algorithm=MD5"), challenge);
            RegistrationClient rc = gw.service().registrations().get(0);
            awaitStatus(rc, RegistrationState.Status.REGISTERED, WAIT);
        }
    }

    @Test
    void wrongPasswordShowsTheReasonAndRetriesWithGrowingBackoff(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").start();
             TestGateway gw = TestGateway.start(SipConfig.builder().retrySeconds(1, 8)
                     .account(SipAccount.of("gw", "wrong", k.domain())))) {
            RegistrationClient rc = gw.service().registrations().get(0);
            awaitStatus(rc, RegistrationState.Status.FAILING, WAIT);
            assertEquals("401 Unauthorized", rc.state().reason());
            assertTrue(ExternalProcess.waitFor(WAIT, () -> rc.state().failures() >= 3), rc.state().toString());
            RegistrationState s = rc.state();
            long delay = Duration.between(Instant.now(), s.nextAttempt()).toMillis();
            assertTrue(delay > 1500 && delay <= 8000, "backoff after 3 failures should be 2-8 s: " + s);
        }
    }

    @Test
    void registrationComesBackAfterKamailioRestart(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("alice", "alicepw").start();
             TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1").keepaliveSeconds(1)
                     .retrySeconds(1, 2).account(SipAccount.of("gw", "gwpw", k.domain())))) {
            RegistrationClient rc = gw.service().registrations().get(0);
            awaitStatus(rc, RegistrationState.Status.REGISTERED, WAIT);
            k.stop();
            awaitStatus(rc, RegistrationState.Status.FAILING, WAIT);
            assertTrue(rc.state().reason().contains("keepalive") || rc.state().reason().contains("no response"),
                    rc.state().toString());
            k.launch();
            // one retry interval (max 2 s) plus the response timeout of an attempt sent while it was down
            awaitStatus(rc, RegistrationState.Status.REGISTERED, Duration.ofSeconds(8));
            callReachesGateway(run, k, gw, "gw");
        }
    }

    @Test
    void stopUnregisters(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("alice", "alicepw").start()) {
            try (TestGateway gw = TestGateway.start(SipConfig.builder().account(SipAccount.of("gw", "gwpw", k.domain())))) {
                awaitStatus(gw.service().registrations().get(0), RegistrationState.Status.REGISTERED, WAIT);
            }
            Sipp.Result r = Sipp.scenario(run, "uac_proxy_404.xml").target(k.port()).service("gw")
                    .key("caller", "alice").auth("alice", "alicepw").run(WAIT);
            assertEquals(0, r.exitCode(), "after stop Kamailio must not know gw any more\n" + r.describe());
        }
    }
}
