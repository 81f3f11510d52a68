package org.sipgateway.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.testkit.sip.CallEvents;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.sip.TestGateway;

class InboundCallIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void trustedCallerIsRungAnsweredAndHangsUp(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1/32").codecs("PCMU,PCMA"))) {
            CallEvents events = new CallEvents();
            gw.onIncoming(c -> {
                c.call().setListener(events);
                c.ringing();
                c.answer(gw.media());
            });
            Sipp.Result r = Sipp.scenario(run, "uac_call.xml").target(gw.port()).service("12345").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            IncomingCall call = gw.nextIncoming(WAIT);
            assertEquals("room1@conference.example.org", call.header("Jitsi-Conference-Room").orElse(""));
            assertTrue(call.requestUri().startsWith("sip:12345@127.0.0.1"), call.requestUri());
            assertEquals("127.0.0.1", call.source().getAddress().getHostAddress());
            assertEquals("PCMU", call.offeredMedia().orElseThrow().codec().name());
            assertEquals(101, call.offeredMedia().get().telephoneEventPayloadType());
            events.await("answered PCMU sendrecv", WAIT);
            assertEquals("ended REMOTE_HANGUP 200", events.await("ended", WAIT));
            assertTrue(r.messages().contains("SIP/2.0 180 Ringing"), r.describe());
            assertTrue(r.messages().contains("m=audio " + gw.media().port() + " RTP/AVP 0 101"), r.describe());
        }
    }
}
