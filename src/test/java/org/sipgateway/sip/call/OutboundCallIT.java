package org.sipgateway.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.Transport;
import org.sipgateway.testkit.sip.CallEvents;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.sip.TestGateway;

class OutboundCallIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest(name = "over {0}")
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void numberIsDialedThroughKamailioWithProxyAuthAndTheCalleeSeesTheRoomHeader(Transport transport, TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("bob", "bobpw").start();
             Sipp callee = Sipp.scenario(run, "uas_answer.xml").start()) {
            Sipp.Result reg = Sipp.scenario(run, "reg_auth.xml").target(k.port()).service("bob")
                    .auth("bob", "bobpw").key("cport", String.valueOf(callee.port())).run(WAIT);
            assertEquals(0, reg.exitCode(), reg.describe());
            SipAccount gw = new SipAccount("gw", "gwpw", k.domain(), null, transport, 600, false);
            try (TestGateway g = TestGateway.start(SipConfig.builder().account(gw))) {
                CallEvents events = new CallEvents();
                SipCall call = g.service().dial("bob", Map.of("Jitsi-Conference-Room", "lobby@conference.example.org"),
                        g.media(), events);
                // both provisional answers arrive; jain-sip may hand two back-to-back responses over on two threads
                final java.util.Set<String> progress = new java.util.TreeSet<>(java.util.List.of(
                        events.await("progress", WAIT), events.await("progress", WAIT)));
                assertEquals(java.util.Set.of("progress 180", "progress 183"), progress);
                assertEquals("early PCMU", events.await("early", WAIT));
                assertEquals("answered PCMU sendrecv", events.await("answered", WAIT));
                assertEquals(101, events.lastMedia().telephoneEventPayloadType());
                call.hangup("test done");
                assertEquals("ended LOCAL_HANGUP 0", events.await("ended", WAIT));
                Sipp.Result r = callee.await(WAIT);
                assertEquals(0, r.exitCode(), r.describe());
                assertTrue(r.messages().contains("Jitsi-Conference-Room: lobby@conference.example.org"), r.describe());
                assertTrue(r.messages().contains("BYE sip:"), r.describe());
                assertTrue(r.messages().contains("Via: SIP/2.0/" + transport.name() + " 127.0.0.1:" + g.port()),
                        "the INVITE should have left the gateway over " + transport + "\n" + r.describe());
                String log = k.log();
                assertEquals(2, log.split("REQ INVITE sip:bob@127.0.0.1:" + k.port(), -1).length - 1,
                        "Kamailio should see the challenged and the authenticated INVITE:\n" + log);
            }
        }
    }

    @Test
    void busyCalleeEndsTheCallRejectedWithItsStatus(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Sipp callee = Sipp.scenario(run, "uas_busy.xml").start();
             TestGateway g = TestGateway.start(SipConfig.builder())) {
            CallEvents events = new CallEvents();
            g.service().dial("sip:busy@127.0.0.1:" + callee.port(), Map.of(), g.media(), events);
            assertEquals("ended REJECTED 486", events.await("ended", WAIT));
            assertEquals("486 Busy Here", events.end().reason());
            Sipp.Result r = callee.await(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
        }
    }

    @Test
    void abandoningARingingCallSendsCancel(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start();
             TestGateway g = TestGateway.start(SipConfig.builder())) {
            CallEvents events = new CallEvents();
            SipCall call = g.service().dial("sip:ring@127.0.0.1:" + callee.port(), Map.of(), g.media(), events);
            events.await("progress 180", WAIT);
            call.hangup("caller left the conference");
            assertEquals("ended LOCAL_HANGUP 487", events.await("ended", WAIT));
            Sipp.Result r = callee.await(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.messages().contains("CANCEL sip:ring@127.0.0.1"), r.describe());
        }
    }

    @Test
    void unansweredCallTimesOutWithCancel(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Sipp callee = Sipp.scenario(run, "uas_ring_forever.xml").start();
             TestGateway g = TestGateway.start(SipConfig.builder().inviteTimeoutSeconds(2))) {
            CallEvents events = new CallEvents();
            g.service().dial("sip:ring@127.0.0.1:" + callee.port(), Map.of(), g.media(), events);
            events.await("progress 180", WAIT);
            assertEquals("ended NO_ANSWER 408", events.await("ended", WAIT));
            assertEquals("no answer within 2 s", events.end().reason());
            Sipp.Result r = callee.await(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
        }
    }

    @Test
    void dtmfDigitIsSentAsSipInfo(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Sipp callee = Sipp.scenario(run, "uas_info.xml").start();
             TestGateway g = TestGateway.start(SipConfig.builder())) {
            CallEvents events = new CallEvents();
            SipCall call = g.service().dial("sip:dtmf@127.0.0.1:" + callee.port(), Map.of(), g.media(), events);
            events.await("answered PCMU", WAIT);
            call.sendDtmfInfo('7', 160);
            assertTrue(org.sipgateway.testkit.sip.ExternalProcess.waitFor(WAIT,
                    () -> callee.messagesSoFar().contains("INFO sip:")), "INFO never reached the callee");
            call.hangup("done");
            Sipp.Result r = callee.await(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.messages().contains("Content-Type: application/dtmf-relay"), r.describe());
        }
    }

    @Test
    void stoppingTheServiceSendsByeToEstablishedCalls(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Sipp callee = Sipp.scenario(run, "uas_answer.xml").start()) {
            CallEvents events = new CallEvents();
            try (TestGateway g = TestGateway.start(SipConfig.builder())) {
                g.service().dial("sip:up@127.0.0.1:" + callee.port(), Map.of("Jitsi-Conference-Room", "r"), g.media(),
                        events);
                events.await("answered", WAIT);
            }
            assertEquals("ended SHUTDOWN 0", events.await("ended", WAIT));
            Sipp.Result r = callee.await(WAIT);
            assertEquals(0, r.exitCode(), "the callee should get BYE at stop\n" + r.describe());
        }
    }

    @Test
    void numbersGoThroughTheOutboundProxy(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("bob", "bobpw").start();
             Sipp callee = Sipp.scenario(run, "uas_answer.xml").start()) {
            Sipp.Result reg = Sipp.scenario(run, "reg_auth.xml").target(k.port()).service("bob")
                    .auth("bob", "bobpw").key("cport", String.valueOf(callee.port())).run(WAIT);
            assertEquals(0, reg.exitCode(), reg.describe());
            // the account's registrar is elsewhere: only the proxy can get the call to bob
            SipAccount gw = new SipAccount("gw", "gwpw", "192.0.2.1", "127.0.0.1:" + k.port(), null, 600, false);
            try (TestGateway g = TestGateway.start(SipConfig.builder().outboundProxy(k.domain()).account(gw))) {
                CallEvents events = new CallEvents();
                SipCall call = g.service().dial("bob", Map.of("Jitsi-Conference-Room", "via-proxy"), g.media(), events);
                assertEquals("sip:bob@" + k.domain(), call.remoteUri());
                events.await("answered PCMU", WAIT);
                call.hangup("done");
                Sipp.Result r = callee.await(WAIT);
                assertEquals(0, r.exitCode(), r.describe());
            }
        }
    }
}
