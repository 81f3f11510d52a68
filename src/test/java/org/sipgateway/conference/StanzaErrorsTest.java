package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.StringWriter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** An error's reason must reach a Smack receiver the way a connection really writes the stanza. */
class StanzaErrorsTest {
    private static final XmlEnvironment STREAM = XmlEnvironment.builder().withNamespace("jabber:client").build();

    @Test
    void theReasonSurvivesTheWayAConnectionWritesTheStanza() throws Exception {
        final IQ reply = StanzaErrors.reply(request(), StanzaError.Condition.forbidden, "only moderators & <the focus>");
        final StanzaError parsed = receive(reply);
        assertEquals(StanzaError.Condition.forbidden, parsed.getCondition());
        assertEquals("only moderators & <the focus>", parsed.getDescriptiveText());
    }

    @Test
    void smacksOwnDescriptiveTextLosesItsNamespaceOnTheWire() throws Exception {
        // why StanzaErrors exists: if this starts passing with a newer Smack, the workaround can go
        final IQ plain = IQ.createErrorResponse(request(), StanzaError.from(StanzaError.Condition.forbidden, "reason"));
        assertNotEquals("reason", receive(plain).getDescriptiveText());
    }

    @Test
    void applicationConditionsFollowTheText() throws Exception {
        final JingleReply reply = JingleReply.jingleError(request(), StanzaError.Condition.item_not_found,
                "unknown-session", "no Jingle session 'x' here");
        final String wire = written(reply.response());
        assertEquals(true, wire.indexOf("<text") < wire.indexOf("unknown-session"), wire);
        assertEquals("no Jingle session 'x' here", receive(reply.response()).getDescriptiveText());
    }

    @Test
    void anErrorToARequestThatCannotBeWrittenAgainCanStillBeWritten() throws Exception {
        // a Jingle request without action parses, but Smack cannot serialize it: echoing it killed the writer thread
        final IQ broken = org.sipgateway.testkit.jitsi.JitsiOffer.parse("<iq xmlns='jabber:client' type='set' id='j1'"
                + " from='room@conference.example.com/focus' to='gw@example.com/x'>"
                + "<jingle xmlns='urn:xmpp:jingle:1' sid='s1'/></iq>");
        final IQ reply = StanzaErrors.reply(broken, StanzaError.Condition.bad_request, "Jingle request without action");
        final String wire = written(reply);
        assertEquals(false, wire.contains("jingle"), "the request is not echoed: " + wire);
        assertEquals("Jingle request without action", receive(reply).getDescriptiveText());
        assertEquals("j1", reply.getStanzaId());
        assertEquals("room@conference.example.com/focus", reply.getTo().toString());
    }

    /** What a Smack receiver reads of a stanza written as XMPPTCPConnection writes it. */
    static StanzaError receive(IQ sent) throws Exception {
        final Stanza received = PacketParserUtils.parseStanza("<iq xmlns='jabber:client'" + written(sent).substring(3));
        return received.getError();
    }

    private static String written(IQ sent) throws Exception {
        final StringWriter out = new StringWriter();
        ((XmlStringBuilder) sent.toXML(STREAM)).write(out, STREAM);
        return out.toString();
    }

    private static IQ request() throws Exception {
        final IQ request = org.jitsi.xmpp.extensions.rayo.HangUp.create(JidCreate.from("focus@example.com/x"),
                JidCreate.from("room@conference.example.com/gw"));
        request.setType(IQ.Type.set);
        request.setStanzaId("h1");
        return request;
    }
}
