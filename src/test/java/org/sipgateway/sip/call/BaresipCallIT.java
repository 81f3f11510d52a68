package org.sipgateway.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.testkit.sip.AudioCheck;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.CallEvents;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RtpEcho;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.TestGateway;

/**
 * Calls with a real softphone. The gateway's own media engine is not used here: an {@link RtpEcho} at the
 * SDP's port reflects baresip's RTP, so a tone check proves the media path the SDP set up, both ways.
 */
class BaresipCallIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PCMU/8000/1, PCMU", "PCMA/8000/1, PCMA", "G722/16000/1, G722", "opus/48000/2, opus"})
    void baresipCallsTheGatewayDirectlyWithEachCodecAndHearsItsToneBack(String baresipCodec, String expected,
                                                                         TestInfo info) throws Exception {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1"));
             RtpEcho echo = new RtpEcho(gw.media().port());
             Baresip alice = Baresip.builder(run, "alice").codecs(baresipCodec).tone(440).start()) {
            CallEvents events = gw.answerAll(true);
            alice.command("dial", "sip:4711@127.0.0.1:" + gw.port());
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            assertTrue(events.await("answered", WAIT).startsWith("answered " + expected + " sendrecv"), events.seen().toString());
            NegotiatedMedia media = events.lastMedia();
            // RTP arrives where our SDP said, with the negotiated payload type, from the port baresip's SDP named
            assertTrue(ExternalProcess.waitFor(WAIT, () -> echo.packets() > 100), "RTP packets: " + echo.packets());
            assertEquals(media.payloadType(), echo.firstPayloadType(), "payload type of " + expected);
            assertEquals(media.remotePort(), echo.firstSourcePort(), "RTP source port = SDP port");
            Thread.sleep(1500); // let baresip record its echoed tone
            gw.nextIncoming(WAIT).call().hangup("test over");
            alice.awaitEvent("CALL_CLOSED", WAIT);
            assertEquals("ended LOCAL_HANGUP 0", events.await("ended", WAIT));
            // the echo sent it back to the address/port of baresip's SDP: baresip heard its own 440 Hz
            AudioCheck.assertTone(run, alice.heard(), 440);
        }
    }

    @Test
    void baresipCallsTheRegisteredGatewayThroughKamailioHearsItsToneAndHangsUp(TestInfo info) throws Exception {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("alice", "alicepw").start();
             TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1")
                     .account(SipAccount.of("gw", "gwpw", k.domain())));
             RtpEcho echo = new RtpEcho(gw.media().port());
             Baresip alice = Baresip.builder(run, "alice")
                     .account("<sip:alice@" + k.domain() + ">;auth_pass=alicepw;regint=600").start()) {
            assertTrue(ExternalProcess.waitFor(WAIT, () -> gw.service().registrations().get(0).state().registered()));
            alice.awaitRegistered(WAIT);
            CallEvents events = gw.answerAll(true);
            alice.command("dial", "sip:gw@" + k.domain());
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            events.await("answered", WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> echo.packets() > 100), "RTP packets: " + echo.packets());
            Thread.sleep(1500);
            alice.command("hangup", "");
            assertEquals("ended REMOTE_HANGUP 200", events.await("ended", WAIT));
            alice.awaitEvent("CALL_CLOSED", WAIT);
            AudioCheck.assertTone(run, alice.heard(), 440);
        }
    }

    @Test
    void gatewayCallsRegisteredBaresipThroughKamailioWithAuthAndTheMediaPathWorks(TestInfo info) throws Exception {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("bob", "bobpw").start();
             TestGateway gw = TestGateway.start(SipConfig.builder()
                     .account(new SipAccount("gw", "gwpw", k.domain(), null, null, 600, false)));
             RtpEcho echo = new RtpEcho(gw.media().port());
             Baresip bob = Baresip.builder(run, "bob").tone(1000)
                     .account("<sip:bob@" + k.domain() + ">;auth_pass=bobpw;answermode=auto;regint=600").start()) {
            bob.awaitRegistered(WAIT);
            CallEvents events = new CallEvents();
            gw.service().dial("bob", Map.of("Jitsi-Conference-Room", "room1"), gw.media(), events);
            events.await("answered", WAIT);
            bob.awaitEvent("CALL_ESTABLISHED", WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> echo.packets() > 100), "RTP packets: " + echo.packets());
            Thread.sleep(1500);
            bob.command("hangup", "");
            assertEquals("ended REMOTE_HANGUP 200", events.await("ended", WAIT));
            bob.awaitEvent("CALL_CLOSED", WAIT);
            AudioCheck.assertTone(run, bob.heard(), 1000);
        }
    }
}
