package org.sipgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.sip.call.IncomingCall;
import org.sipgateway.testkit.sip.CallEvents;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.sip.TestGateway;
import org.sipgateway.testkit.sip.TlsFiles;

class TlsTransportIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void registersOverTlsWithSipsAndReceivesCallsOverTls(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("alice", "alicepw").tls().start();
             TestGateway gw = TestGateway.start(SipConfig.builder().transports("udp,tls").trustedPeers("127.0.0.1")
                     .tls(TlsFiles.settings(run))
                     .account(SipAccount.of("gw", "gwpw", "127.0.0.1:" + k.tlsPort()).withTransport(Transport.TLS)))) {
            var rc = gw.service().registrations().get(0);
            assertEquals("sips:gw@127.0.0.1:" + k.tlsPort(), rc.account().addressOfRecord());
            assertTrue(ExternalProcess.waitFor(WAIT, () -> rc.state().registered()), rc.state().toString());
            gw.onIncoming(c -> c.answer(gw.media()));
            Sipp.Result r = Sipp.scenario(run, "uac_proxy_call.xml").target(k.port()).service("gw")
                    .key("caller", "alice").auth("alice", "alicepw").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            IncomingCall call = gw.nextIncoming(WAIT);
            assertTrue(call.headers().get("Via").get(0).startsWith("SIP/2.0/TLS"), call.headers().toString());
        }
    }

    @Test
    void dialsOverTlsThroughKamailio(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("bob", "bobpw").tls().start();
             Sipp callee = Sipp.scenario(run, "uas_answer.xml").start()) {
            Sipp.Result reg = Sipp.scenario(run, "reg_auth.xml").target(k.port()).service("bob")
                    .auth("bob", "bobpw").key("cport", String.valueOf(callee.port())).run(WAIT);
            assertEquals(0, reg.exitCode(), reg.describe());
            SipAccount gwAccount = new SipAccount("gw", "gwpw", "127.0.0.1:" + k.tlsPort(), null, Transport.TLS, 600, false);
            try (TestGateway gw = TestGateway.start(SipConfig.builder().transports("udp,tls").tls(TlsFiles.settings(run))
                    .account(gwAccount))) {
                CallEvents events = new CallEvents();
                var call = gw.service().dial("bob", java.util.Map.of("Jitsi-Conference-Room", "tls-room"), gw.media(), events);
                events.await("answered PCMU", WAIT);
                call.hangup("done");
                Sipp.Result r = callee.await(WAIT);
                assertEquals(0, r.exitCode(), r.describe());
                assertTrue(r.messages().contains("Via: SIP/2.0/TLS 127.0.0.1:"), r.describe());
            }
        }
    }
}
