package org.sipgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.sip.call.IncomingCall;
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
}
