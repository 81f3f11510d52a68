package org.sipgateway.callcontrol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;

class StanzaReaderTest {
    private static final String HEADER = ScriptedServer.HEADER;

    private static StanzaReader reader(String xml, int limit, int depth) throws LinkFailure {
        final GuardedInput in = new GuardedInput(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), limit,
                () -> {
                    throw new AssertionError("no tick from a byte array");
                });
        return new StanzaReader(in, depth);
    }

    private static StanzaReader reader(String xml) throws LinkFailure {
        return reader(xml, 64 * 1024, 32);
    }

    @Test
    void readsTheHeaderThenEachStanzaWithNamespacesAttributesAndText() throws Exception {
        final StanzaReader reader = reader(HEADER + "<handshake/> \n"
                + "<iq type='set' id='d1' from='alice@meet.test/web' to='callcontrol.meet.test' xml:lang='de'>"
                + "<dial xmlns='urn:xmpp:rayo:1' to='+4930123456' from='x'>"
                + "<header name='JvbRoomName' value='room@conference.meet.test'/></dial></iq>"
                + "<message to='callcontrol.meet.test' from='bob@meet.test'><body>a &amp; b &lt;c&gt; &#x263A;</body>"
                + "<x:foo xmlns:x='urn:example:x' x:attr='1'/></message></stream:stream>");
        final Map<String, String> header = reader.openStream();
        assertEquals("3BF96D32", header.get("id"));
        assertEquals("callcontrol.example.com", header.get("from"));
        assertEquals("handshake", reader.next().getName());

        final Element iqElement = reader.next();
        final IQ iq = new IQ(iqElement, false);
        assertEquals(IQ.Type.set, iq.getType());
        assertEquals("d1", iq.getID());
        assertEquals("alice@meet.test/web", iq.getFrom().toString());
        assertEquals("urn:xmpp:rayo:1", iq.getChildElement().getNamespaceURI());
        assertEquals("+4930123456", iq.getChildElement().attributeValue("to"));
        assertEquals("room@conference.meet.test", iq.getChildElement().element("header").attributeValue("value"));
        assertEquals("de", iqElement.attributeValue(org.dom4j.QName.get("lang", "xml", "http://www.w3.org/XML/1998/namespace")));

        final Element message = reader.next();
        assertEquals("a & b <c> \u263A", message.elementText("body"));
        final Element foo = message.element("foo");
        assertEquals("urn:example:x", foo.getNamespaceURI());
        assertTrue(foo.asXML().contains("urn:example:x") && foo.asXML().contains("attr=\"1\""), foo.asXML());
        assertNull(reader.next(), "</stream:stream> ends the stream");
    }

    @Test
    void anExternalEntityInADtdIsRefusedAndTheFileNeverRead(@TempDir Path dir) throws Exception {
        final Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        final String xxe = "<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY xxe SYSTEM '" + secret.toUri()
                + "'>]>" + HEADER.substring("<?xml version='1.0'?>".length())
                + "<message to='c' from='d'><body>&xxe;</body></message>";
        final LinkFailure refused = assertThrows(LinkFailure.class, () -> {
            final StanzaReader reader = reader(xxe);
            reader.openStream();
            reader.next();
        });
        assertTrue(refused.getMessage().contains("DTD"), refused.getMessage());
        assertEquals("restricted-xml", refused.streamCondition());
        assertFalse(refused.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void anUndeclaredEntityMidStreamIsMalformed() throws Exception {
        final StanzaReader reader = reader(HEADER + "<message to='c' from='d'><body>&xxe;</body></message>");
        reader.openStream();
        final LinkFailure refused = assertThrows(LinkFailure.class, reader::next);
        assertTrue(refused.getMessage().contains("xxe"), refused.getMessage());
        assertTrue(Map.of("not-well-formed", 1, "restricted-xml", 1).containsKey(refused.streamCondition()));
    }

    @Test
    void aProcessingInstructionIsRefused() throws Exception {
        final StanzaReader reader = reader(HEADER + "<?evil data?><message to='c' from='d'/>");
        reader.openStream();
        assertEquals("restricted-xml", assertThrows(LinkFailure.class, reader::next).streamCondition());
    }

    @Test
    void aStanzaOverTheByteLimitIsRefusedWhileManySmallerOnesPass() throws Exception {
        final String small = "<message to='c' from='d'><body>" + "x".repeat(3000) + "</body></message>";
        final StanzaReader fine = reader(HEADER + small.repeat(40) + "</stream:stream>", 16 * 1024, 32);
        fine.openStream();
        int n = 0;
        while (fine.next() != null) {
            n++;
        }
        assertEquals(40, n, "120 KB in 3 KB stanzas are 40 stanzas under a 16 KB limit, not one oversize stanza");

        final String big = "<message to='c' from='d'><body>" + "x".repeat(100_000) + "</body></message>";
        final StanzaReader reader = reader(HEADER + small + big, 16 * 1024, 32);
        reader.openStream();
        assertEquals("message", reader.next().getName());
        final LinkFailure refused = assertThrows(LinkFailure.class, reader::next);
        assertTrue(refused.getMessage().contains("larger than 16384 bytes"), refused.getMessage());
        assertEquals("policy-violation", refused.streamCondition());
    }

    @Test
    void aStanzaNestedTooDeepIsRefused() throws Exception {
        final String deep = "<message to='c' from='d'>" + "<a>".repeat(40) + "</a>".repeat(40) + "</message>";
        final StanzaReader reader = reader(HEADER + deep, 64 * 1024, 32);
        reader.openStream();
        final LinkFailure refused = assertThrows(LinkFailure.class, reader::next);
        assertTrue(refused.getMessage().contains("deeper than 32"), refused.getMessage());
    }

    @Test
    void aClientStreamIsNotAComponentStream() throws Exception {
        final StanzaReader reader = reader("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
                + "xmlns='jabber:client' id='1'>");
        final LinkFailure refused = assertThrows(LinkFailure.class, reader::openStream);
        assertTrue(refused.getMessage().contains("component port"), refused.getMessage());
    }

    @Test
    void aConnectionThatEndsMidStanzaSaysSo() throws Exception {
        final StanzaReader reader = reader(HEADER + "<message to='c' from='d'><body>half");
        reader.openStream();
        final LinkFailure lost = assertThrows(LinkFailure.class, reader::next);
        assertTrue(lost.getMessage().contains("closed the connection"), lost.getMessage());
    }

    @Test
    void streamErrorsNameTheirConditionAndText() throws Exception {
        final StanzaReader reader = reader(HEADER + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Component already connected</text></stream:error>");
        reader.openStream();
        final Element error = reader.next();
        assertTrue(StreamError.is(error));
        final StreamError parsed = StreamError.of(error);
        assertEquals(new StreamError("conflict", "Component already connected"), parsed);
        assertTrue(parsed.describe().contains("another component is connected under this name"), parsed.describe());
    }
}
