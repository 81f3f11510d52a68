package org.sipgateway.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.CallEvents;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.TestGateway;

/**
 * Calls with a real softphone. Signalling only: tone assertions through the gateway's own media
 * come with the media engine (media/), see the SIP section of docs/CONFIGURATION.md.
 */
class BaresipCallIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PCMU/8000/1, PCMU", "PCMA/8000/1, PCMA", "G722/16000/1, G722", "opus/48000/2, opus"})
    void baresipCallsTheGatewayDirectlyWithEachCodecAndSendsRtpWhereOurSdpSays(String baresipCodec, String expected,
                                                                                TestInfo info) throws Exception {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1"));
             DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", gw.media().port()));
             Baresip alice = Baresip.builder(run, "alice").codecs(baresipCodec).start()) {
            CallEvents events = gw.answerAll(true);
            alice.command("dial", "sip:4711@127.0.0.1:" + gw.port());
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            assertTrue(events.await("answered", WAIT).startsWith("answered " + expected + " sendrecv"), events.seen().toString());
            NegotiatedMedia media = events.lastMedia();
            // signalling check of the media path: RTP arrives at the port of our SDP, with the negotiated payload type,
            // from the port baresip's SDP named (symmetric RTP). Tone checks come with media/.
            rtp.setSoTimeout(5000);
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            rtp.receive(packet);
            assertEquals(2, (packet.getData()[0] & 0xff) >> 6, "RTP version");
            assertEquals(media.payloadType(), packet.getData()[1] & 0x7f, "payload type of " + expected);
            assertEquals(media.remotePort(), packet.getPort(), "RTP source port = SDP port");
            SipCall call = gw.nextIncoming(WAIT).call();
            call.hangup("test over");
            alice.awaitEvent("CALL_CLOSED", WAIT);
            assertEquals("ended LOCAL_HANGUP 0", events.await("ended", WAIT));
        }
    }

    @Test
    void baresipCallsTheRegisteredGatewayThroughKamailioAndHangsUp(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("alice", "alicepw").start();
             TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1")
                     .account(SipAccount.of("gw", "gwpw", k.domain())));
             Baresip alice = Baresip.builder(run, "alice")
                     .account("<sip:alice@" + k.domain() + ">;auth_pass=alicepw;regint=600").start()) {
            assertTrue(ExternalProcess.waitFor(WAIT, () -> gw.service().registrations().get(0).state().registered()));
            alice.awaitRegistered(WAIT);
            CallEvents events = gw.answerAll(true);
            alice.command("dial", "sip:gw@" + k.domain());
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            events.await("answered", WAIT);
            alice.command("hangup", "");
            assertEquals("ended REMOTE_HANGUP 200", events.await("ended", WAIT));
        }
    }

    @Test
    void gatewayCallsRegisteredBaresipThroughKamailioWithAuth(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").user("bob", "bobpw").start();
             TestGateway gw = TestGateway.start(SipConfig.builder()
                     .account(new SipAccount("gw", "gwpw", k.domain(), null, null, 600, false)));
             Baresip bob = Baresip.builder(run, "bob")
                     .account("<sip:bob@" + k.domain() + ">;auth_pass=bobpw;answermode=auto;regint=600").start()) {
            bob.awaitRegistered(WAIT);
            CallEvents events = new CallEvents();
            gw.service().dial("bob", Map.of("Jitsi-Conference-Room", "room1"), gw.media(), events);
            events.await("answered", WAIT);
            bob.awaitEvent("CALL_ESTABLISHED", WAIT);
            bob.command("hangup", "");
            assertEquals("ended REMOTE_HANGUP 200", events.await("ended", WAIT));
        }
    }
}
