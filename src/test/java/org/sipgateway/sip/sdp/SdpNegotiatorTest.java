package org.sipgateway.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpNegotiatorTest {

    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n";

    private static SessionDescription sdp(String media) throws InvalidSdpException {
        return SdpParser.parse(HEAD + media);
    }

    @Test
    void answerPicksOurPreferredCodecAndPeersEventPayloadType() throws Exception {
        SdpNegotiator n = new SdpNegotiator(List.of(AudioCodec.G722, AudioCodec.PCMU));
        NegotiatedMedia m = n.answerOffer(sdp("m=audio 4000 RTP/AVP 0 9 96\r\na=rtpmap:96 telephone-event/8000\r\n"
                + "a=ptime:30\r\n"));
        assertEquals(AudioCodec.G722, m.codec());
        assertEquals(9, m.payloadType());
        assertEquals(96, m.telephoneEventPayloadType());
        assertEquals(30, m.ptime());
        assertEquals("10.0.0.1", m.remoteAddress());
        assertEquals(4000, m.remotePort());
        assertEquals(MediaDirection.SENDRECV, m.direction());
    }

    @Test
    void opusUsesTheOfferersDynamicPayloadTypeAndWideEventClock() throws Exception {
        SdpNegotiator n = new SdpNegotiator(List.of(AudioCodec.OPUS, AudioCodec.PCMU));
        NegotiatedMedia m = n.answerOffer(sdp("m=audio 4000 RTP/AVP 107 0 100 101\r\na=rtpmap:107 OPUS/48000/2\r\n"
                + "a=rtpmap:100 telephone-event/8000\r\na=rtpmap:101 telephone-event/48000\r\n"));
        assertEquals(AudioCodec.OPUS, m.codec());
        assertEquals(107, m.payloadType());
        assertEquals(101, m.telephoneEventPayloadType());
        String answer = new SdpBuilder().answer(new LocalMedia("127.0.0.1", 5000), m);
        assertTrue(answer.contains("m=audio 5000 RTP/AVP 107 101\r\n"), answer);
        assertTrue(answer.contains("a=rtpmap:101 telephone-event/48000\r\n"), answer);
    }

    @Test
    void sendonlyOfferIsAnsweredRecvonlyAndCountsAsHold() throws Exception {
        SdpNegotiator n = new SdpNegotiator(List.of(AudioCodec.PCMU));
        NegotiatedMedia m = n.answerOffer(sdp("m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n"));
        assertEquals(MediaDirection.RECVONLY, m.direction());
        assertTrue(m.heldByPeer());
        String answer = new SdpBuilder().answer(new LocalMedia("127.0.0.1", 5000), m);
        assertTrue(answer.contains("a=recvonly"), answer);
    }

    @Test
    void zeroConnectionAddressIsHoldEvenWithoutDirection() throws Exception {
        SdpNegotiator n = new SdpNegotiator(List.of(AudioCodec.PCMU));
        NegotiatedMedia m = n.answerOffer(SdpParser.parse(HEAD.replace("c=IN IP4 10.0.0.1", "c=IN IP4 0.0.0.0")
                + "m=audio 4000 RTP/AVP 0\r\n"));
        assertEquals(MediaDirection.RECVONLY, m.direction());
        assertTrue(m.heldByPeer());
    }

    @Test
    void inactiveStaysInactive() throws Exception {
        NegotiatedMedia m = new SdpNegotiator(List.of(AudioCodec.PCMA))
                .answerOffer(sdp("m=audio 4000 RTP/AVP 8\r\na=inactive\r\n"));
        assertEquals(MediaDirection.INACTIVE, m.direction());
    }

    @Test
    void noCommonCodecNamesBothLists() throws Exception {
        SdpNegotiator n = new SdpNegotiator(List.of(AudioCodec.OPUS));
        NoCommonCodecException e = assertThrows(NoCommonCodecException.class,
                () -> n.answerOffer(sdp("m=audio 4000 RTP/AVP 0 8\r\n")));
        assertTrue(e.getMessage().contains("PCMU/8000,PCMA/8000"), e.getMessage());
        assertTrue(e.getMessage().contains("accepted opus"), e.getMessage());
    }

    @Test
    void ourOfferListsPreferenceAndAnswerProcessingPicksFirstAnsweredCodec() throws Exception {
        List<AudioCodec> prefs = List.of(AudioCodec.OPUS, AudioCodec.G722, AudioCodec.PCMU, AudioCodec.PCMA);
        String offer = new SdpBuilder().offer(new LocalMedia("127.0.0.1", 5000), prefs, MediaDirection.SENDRECV);
        assertTrue(offer.contains("m=audio 5000 RTP/AVP 111 9 0 8 101 102\r\n"), offer);
        SdpParser.parse(offer);
        NegotiatedMedia m = new SdpNegotiator(prefs).acceptAnswer(sdp("m=audio 6000 RTP/AVP 8 101\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"));
        assertEquals(AudioCodec.PCMA, m.codec());
        assertEquals(101, m.telephoneEventPayloadType());
    }

    @Test
    void builderRaisesOriginVersionEachTime() throws Exception {
        SdpBuilder b = new SdpBuilder();
        LocalMedia local = new LocalMedia("127.0.0.1", 5000);
        long v1 = SdpParser.parse(b.offer(local, List.of(AudioCodec.PCMU), MediaDirection.SENDRECV)).sessionVersion();
        long v2 = SdpParser.parse(b.offer(local, List.of(AudioCodec.PCMU), MediaDirection.SENDRECV)).sessionVersion();
        assertEquals(v1 + 1, v2);
    }

    @Test
    void malformedSdpNamesTheLine() {
        InvalidSdpException e = assertThrows(InvalidSdpException.class,
                () -> SdpParser.parse("v=0\r\nm=audio x RTP/AVP 0\r\n"));
        assertTrue(e.getMessage().contains("m=audio x"), e.getMessage());
        assertThrows(InvalidSdpException.class, () -> SdpParser.parse("hello"));
    }
}
