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
            CallEvents events = gw.answerAll(true);
            Sipp.Result r = Sipp.scenario(run, "uac_call.xml").target(gw.port()).service("12345").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            IncomingCall call = gw.nextIncoming(WAIT);
            assertEquals("room1@conference.example.org", call.header("Jitsi-Conference-Room").orElse(""));
            assertTrue(call.requestUri().startsWith("sip:12345@127.0.0.1"), call.requestUri());
            assertEquals("12345", call.requestUser());
            assertEquals("caller", call.fromUser());
            assertEquals("", call.fromDisplayName());
            assertEquals("127.0.0.1", call.source().getAddress().getHostAddress());
            assertEquals("PCMU", call.offeredMedia().orElseThrow().codec().name());
            assertEquals(101, call.offeredMedia().get().telephoneEventPayloadType());
            events.await("answered PCMU sendrecv", WAIT);
            assertEquals("ended REMOTE_HANGUP 200", events.await("ended", WAIT));
            assertTrue(r.messages().contains("SIP/2.0 180 Ringing"), r.describe());
            assertTrue(r.messages().contains("m=audio " + gw.media().port() + " RTP/AVP 0 101"), r.describe());
        }
    }

    @Test
    void callerCancelBeforeAnswerGets487AndCallEndsCancelled(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1"))) {
            CallEvents events = new CallEvents();
            gw.onIncoming(c -> {
                c.call().setListener(events);
                c.ringing(); // and never answer
            });
            Sipp.Result r = Sipp.scenario(run, "uac_cancel.xml").target(gw.port()).service("777").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("ended CANCELLED 487", events.await("ended", WAIT));
            assertTrue(gw.service().calls().isEmpty(), "cancelled call still registered");
        }
    }

    @Test
    void offerWithoutCommonCodecGets488NamingTheCodecs(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1").codecs("opus,PCMU"))) {
            Sipp.Result r = Sipp.scenario(run, "uac_no_common_codec.xml").target(gw.port()).service("1").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.messages().contains("SIP/2.0 488 no common codec: offered G729/8000, accepted opus,PCMU"),
                    r.describe());
            assertTrue(r.messages().contains("Warning: 305 "), r.describe());
            assertEquals(0, gw.incomingCount(), "a 488 call must not reach the listener");
        }
    }

    @Test
    void lateOfferIsAnsweredInTheAck(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1").codecs("PCMU,PCMA"))) {
            CallEvents events = gw.answerAll(false);
            Sipp.Result r = Sipp.scenario(run, "uac_late_offer.xml").target(gw.port()).service("2").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(gw.nextIncoming(WAIT).offerSdp().isEmpty());
            assertEquals("answered PCMA sendrecv", events.await("answered", WAIT));
            events.await("ended REMOTE_HANGUP", WAIT);
        }
    }

    @Test
    void reInviteHoldUnholdCodecChangeAndInfoDtmfReachTheListener(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1").codecs("PCMU,PCMA"))) {
            CallEvents events = gw.answerAll(false);
            Sipp.Result r = Sipp.scenario(run, "uac_hold_dtmf.xml").target(gw.port()).service("3").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertEquals("answered PCMU sendrecv", events.await("answered", WAIT));
            assertEquals("media recvonly held PCMU", events.await("media", WAIT));
            assertEquals("media recvonly held PCMU", events.await("media", WAIT)); // c=0.0.0.0 hold
            assertEquals("media sendrecv PCMA", events.await("media", WAIT));
            assertEquals("dtmf 5", events.await("dtmf", WAIT));
            events.await("ended REMOTE_HANGUP", WAIT);
        }
    }

    @Test
    void publicAddressIsAdvertisedInContactAndSdp(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1")
                .publicAddress("203.0.113.7").codecs("PCMU"))) {
            gw.onIncoming(c -> {
                c.ringing();
                c.answer(gw.service().localMedia(gw.media().port()));
            });
            Sipp.Result r = Sipp.scenario(run, "uac_call.xml").target(gw.port()).service("5").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.messages().contains("Contact: <sip:gateway@203.0.113.7:" + gw.port()), r.describe());
            assertTrue(r.messages().contains("c=IN IP4 203.0.113.7"), r.describe());
        }
    }

    @Test
    void earlyMediaThenRejectWithTheGatewaysReason(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1").codecs("PCMU"))) {
            CallEvents events = new CallEvents();
            gw.onIncoming(c -> {
                c.call().setListener(events);
                c.progress(gw.media());
                c.reject(404, "unknown room 'lobby'");
            });
            Sipp.Result r = Sipp.scenario(run, "uac_early_reject.xml").target(gw.port()).service("6").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.messages().contains("SIP/2.0 404 unknown room 'lobby'"), r.describe());
            assertEquals("ended LOCAL_HANGUP 404", events.await("ended", WAIT));
        }
    }

    @Test
    void okIsRetransmittedUntilTheAckArrives(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1").codecs("PCMU"))) {
            CallEvents events = gw.answerAll(false);
            Sipp.Result r = Sipp.scenario(run, "uac_late_ack.xml").target(gw.port()).service("7").run(WAIT);
            assertEquals(0, r.exitCode(), r.describe());
            long oks = r.messages().lines().filter(l -> l.startsWith("SIP/2.0 200 OK")).count();
            assertTrue(oks >= 3, "expected the INVITE's 200 at least twice (T1 retransmission) plus the BYE's: " + oks);
            events.await("ended REMOTE_HANGUP", WAIT);
        }
    }

    @Test
    void aListenerThatFailsCostsOnlyItsOwnCall(TestInfo info) {
        RunDir run = RunDir.create(info.getDisplayName());
        try (TestGateway gw = TestGateway.start(SipConfig.builder().trustedPeers("127.0.0.1").inviteTimeoutSeconds(2))) {
            gw.onIncoming(c -> {
                if (c.requestUri().startsWith("sip:broken@")) {
                    throw new IllegalStateException("listener bug");
                }
                c.ringing();
                c.answer(gw.media());
            });
            Sipp.Result broken = Sipp.scenario(run, "uac_expect_480.xml").target(gw.port()).service("broken").run(WAIT);
            assertEquals(0, broken.exitCode(), broken.describe());
            assertTrue(broken.messages().contains("SIP/2.0 480 not answered within 2 s"), broken.describe());
            Sipp.Result fine = Sipp.scenario(run, "uac_call.xml").target(gw.port()).service("fine").run(WAIT);
            assertEquals(0, fine.exitCode(), fine.describe());
        }
    }
}
