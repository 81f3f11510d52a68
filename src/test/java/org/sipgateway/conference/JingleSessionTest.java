package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jitsi.xmpp.extensions.colibri.SourcePacketExtension;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.sipgateway.testkit.jitsi.AnswerCheck;
import org.sipgateway.testkit.jitsi.BridgeEndpoint;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.JitsiOffer;
import org.sipgateway.testkit.jitsi.RecordingMedia;

/** The Jingle state machine against the focus's messages as docs/JITSI-WIRE.md describes them, without a network. */
class JingleSessionTest {
    private static final String FOCUS = "room1@conference.localhost/focus";
    private static final String US = "gw@localhost/sipgw-abc";
    private static final String ROOM = "room1@conference.localhost";
    private final RecordingMedia media = new RecordingMedia();
    private final List<String> terminated = new ArrayList<>();
    private final List<Character> digits = new ArrayList<>();
    private final List<MediaOffer> accepted = new ArrayList<>();

    private JingleSession session(boolean red) {
        return new JingleSession(media, media(), new JingleSession.Events() {
            @Override
            public void accepted(MediaOffer offer) {
                accepted.add(offer);
            }

            @Override
            public void terminated(String reason) {
                terminated.add(reason);
            }

            @Override
            public void dtmf(char digit, int durationMillis) {
                digits.add(digit);
            }
        }, red, 0x12345678L, "abcd1234-a0", from -> from.toString().equals(FOCUS));
    }

    private static JingleMedia.Events media() {
        return new JingleMedia.Events() {
            @Override
            public void connected() {
            }

            @Override
            public void failed(String reason) {
            }
        };
    }

    private static JingleIQ offer(String sid, boolean red) {
        return JitsiOffer.parse(JitsiOffer.sessionInitiate(FOCUS, US, sid, red, BridgeEndpoint.placeholder(10000),
                List.of(BridgeSource.jvb(1111), BridgeSource.speaker(ROOM, "aaaa0001", 2222))));
    }

    private JingleReply handle(JingleSession s, String xml) throws Exception {
        return s.handle(JitsiOffer.parse(xml), JidCreate.from(US));
    }

    @Test
    void acceptsJitsiOfferWithOpusTelephoneEventAndOneSourceAsDtlsClient() throws Exception {
        final JingleSession s = session(false);
        final JingleIQ offer = offer("s1", false);
        final JingleReply reply = s.handle(offer, JidCreate.from(US));
        assertEquals(IQ.Type.result, reply.response().getType());
        assertEquals(1, reply.followUps().size(), "session-accept follows the result");
        final JingleIQ accept = (JingleIQ) reply.followUps().get(0);
        assertEquals(FOCUS, accept.getTo().toString(), "session-accept goes back to room@conference/focus");
        final SourcePacketExtension ours = AnswerCheck.sessionAccept(offer, accept, false);
        assertEquals(0x12345678L, ours.getSSRC());
        assertEquals("abcd1234-a0", ours.getName());

        final MediaOffer handed = media.offers.get(0);
        assertEquals(111, handed.audio().opusPayloadType());
        assertEquals(-1, handed.audio().redPayloadType(), "RED only when we asked for it");
        assertEquals(126, handed.audio().telephoneEventPayloadType());
        assertEquals(1, handed.audio().audioLevelExtensionId());
        assertEquals(10, handed.audio().midExtensionId());
        assertEquals("audio", handed.audio().mid());
        assertEquals("actpass", handed.bridge().fingerprint().setup());
        assertEquals(10000, handed.bridge().candidates().get(0).port());
        assertEquals(List.of(1111L, 2222L), handed.sources().stream().map(RemoteSource::ssrc).toList());
        assertEquals(ROOM + "/aaaa0001", handed.sources().get(1).owner());
        assertEquals(List.of(handed), accepted);
    }

    @Test
    void picksRedFirstWhenOfferedAndWanted() throws Exception {
        final JingleSession s = session(true);
        final JingleIQ offer = offer("s2", true);
        final JingleReply reply = s.handle(offer, JidCreate.from(US));
        AnswerCheck.sessionAccept(offer, (JingleIQ) reply.followUps().get(0), true);
        assertEquals(112, media.offers.get(0).audio().redPayloadType());
    }

    @Test
    void offerWithoutAudioGetsNotAcceptableWithText() throws Exception {
        final String video = JitsiOffer.sessionInitiate(FOCUS, US, "s3", false, BridgeEndpoint.placeholder(10000), List.of())
                .replace("media='audio'", "media='video'");
        final JingleReply reply = handle(session(false), video);
        assertEquals(IQ.Type.error, reply.response().getType());
        assertEquals(StanzaError.Condition.not_acceptable, reply.response().getError().getCondition());
        assertTrue(StanzaErrorsTest.receive(reply.response()).getDescriptiveText().contains("no audio"),
                reply.response().toXML().toString());
        assertTrue(media.offers.isEmpty(), "media is not touched for a rejected offer");
    }

    @Test
    void offerWithoutOpusOrFingerprintIsRefusedNamingWhatIsMissing() throws Exception {
        final String base = JitsiOffer.sessionInitiate(FOCUS, US, "s4", false, BridgeEndpoint.placeholder(10000), List.of());
        final JingleReply noOpus = handle(session(false), base.replace("name='opus'", "name='speex'"));
        assertTrue(StanzaErrorsTest.receive(noOpus.response()).getDescriptiveText().contains("opus/48000/2"));
        final JingleReply noDtls = handle(session(false), base.replaceAll("<fingerprint.*</fingerprint>", ""));
        assertTrue(StanzaErrorsTest.receive(noDtls.response()).getDescriptiveText().contains("fingerprint"));
    }

    @Test
    void reinviteWithANewSidReplacesTransportAndSourcesInsteadOfRefusing() throws Exception {
        final JingleSession s = session(false);
        s.handle(offer("s6", false), JidCreate.from(US));
        handle(s, JitsiOffer.sources("source-add", FOCUS, US, "s6", List.of(BridgeSource.speaker(ROOM, "cccc0003", 4444))));
        final JingleIQ again = JitsiOffer.parse(JitsiOffer.sessionInitiate(FOCUS, US, "s7", false,
                BridgeEndpoint.placeholder(30000), List.of(BridgeSource.jvb(5555))));
        final JingleReply reply = s.handle(again, JidCreate.from(US));
        assertEquals(IQ.Type.result, reply.response().getType());
        AnswerCheck.sessionAccept(again, (JingleIQ) reply.followUps().get(0), false);
        assertEquals(1, media.offers.size(), "media accepted once; the re-invite replaced its transport");
        assertEquals(30000, media.replacements.get(0).candidates().get(0).port());
        assertEquals(List.of(1111L, 2222L, 4444L), media.removed.stream().map(RemoteSource::ssrc).toList());
        assertEquals(5555L, media.added.get(media.added.size() - 1).ssrc());
        assertEquals("s7", s.sid());
        final JingleReply duplicate = s.handle(again, JidCreate.from(US));
        assertEquals(StanzaError.Condition.unexpected_request, duplicate.response().getError().getCondition());
    }

    @Test
    void onlyTheFocusMayStartTheSessionAndSpeakInIt() throws Exception {
        final String mallory = ROOM + "/mallory";
        final JingleSession s = session(false);
        final JingleReply early = s.handle(JitsiOffer.parse(JitsiOffer.sessionInitiate(mallory, US, "m1", false,
                BridgeEndpoint.placeholder(40000), List.of(BridgeSource.jvb(1)))), JidCreate.from(US));
        assertEquals(StanzaError.Condition.forbidden, early.response().getError().getCondition());
        assertTrue(StanzaErrorsTest.receive(early.response()).getDescriptiveText().contains(mallory),
                "the refusal names the sender: " + early.response().toXML());
        assertTrue(media.offers.isEmpty(), "an occupant who is not the focus gets no media");

        s.handle(offer("s8", false), JidCreate.from(US));
        // another occupant tries to take the call's audio to a transport of its own, or to end it
        final JingleReply hijack = s.handle(JitsiOffer.parse(JitsiOffer.sessionInitiate(mallory, US, "m2", false,
                BridgeEndpoint.placeholder(40000), List.of(BridgeSource.jvb(1)))), JidCreate.from(US));
        assertEquals(StanzaError.Condition.forbidden, hijack.response().getError().getCondition());
        final JingleReply replace = handle(s, JitsiOffer.transportReplace(mallory, US, "s8",
                BridgeEndpoint.placeholder(40000)));
        assertEquals(StanzaError.Condition.item_not_found, replace.response().getError().getCondition());
        final JingleReply end = handle(s, JitsiOffer.sessionTerminate(mallory, US, "s8", "success", "bye"));
        assertEquals(StanzaError.Condition.item_not_found, end.response().getError().getCondition());
        assertTrue(media.replacements.isEmpty(), "the transport stays the focus's");
        assertTrue(terminated.isEmpty(), "the session goes on");
        assertEquals("s8", s.sid());
    }

    @Test
    void sourcesTransportsDtmfAndTerminateReachMedia() throws Exception {
        final JingleSession s = session(false);
        s.handle(offer("s5", false), JidCreate.from(US));
        final BridgeSource bob = BridgeSource.speaker(ROOM, "bbbb0002", 3333);
        assertEquals(IQ.Type.result, handle(s, JitsiOffer.sources("source-add", FOCUS, US, "s5", List.of(bob))).response().getType());
        assertEquals(List.of(3333L), media.added.stream().map(RemoteSource::ssrc).toList());
        handle(s, JitsiOffer.sources("source-remove", FOCUS, US, "s5", List.of(bob)));
        assertEquals(List.of(3333L), media.removed.stream().map(RemoteSource::ssrc).toList());

        final JingleReply replaced = handle(s, JitsiOffer.transportReplace(FOCUS, US, "s5", BridgeEndpoint.placeholder(20000)));
        assertEquals(IQ.Type.result, replaced.response().getType());
        AnswerCheck.transportAccept("s5", (JingleIQ) replaced.followUps().get(0));
        assertEquals(20000, media.replacements.get(0).candidates().get(0).port());

        handle(s, JitsiOffer.dtmf(FOCUS, US, "s5", '7', 200));
        assertEquals(List.of('7'), digits);
        final JingleReply badDigit = handle(s, JitsiOffer.dtmf(FOCUS, US, "s5", 'x', 200));
        assertEquals(StanzaError.Condition.bad_request, badDigit.response().getError().getCondition());

        final JingleReply unknown = handle(s, JitsiOffer.sources("source-add", FOCUS, US, "other", List.of(bob)));
        assertEquals(StanzaError.Condition.item_not_found, unknown.response().getError().getCondition());
        assertTrue(unknown.response().toXML().toString().contains("unknown-session"));

        handle(s, JitsiOffer.sessionTerminate(FOCUS, US, "s5", "success", "conference ended"));
        assertEquals(1, media.closes.get());
        assertEquals(1, terminated.size());
        assertTrue(terminated.get(0).contains("conference ended"), terminated.get(0));
    }
}
