package org.sipgateway.callcontrol.link;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * Reads an XMPP stream from the server with the JDK's StAX parser: first the stream header, then one dom4j
 * element per stanza. No DTD, no entities beyond XML's five (RFC 6120 section 11.1 forbids DTDs; refusing them
 * also shuts out external-entity and entity-expansion attacks), at most {@code maxDepth} levels inside a stanza,
 * and (through {@link GuardedInput}) at most its byte limit per stanza.
 */
final class StanzaReader implements AutoCloseable {
    static final String NS_STREAMS = "http://etherx.jabber.org/streams";
    static final String NS_COMPONENT = "jabber:component:accept";

    private final GuardedInput input;
    private final XMLStreamReader xml;
    private final int maxDepth;
    private final DocumentFactory dom = DocumentFactory.getInstance();

    StanzaReader(GuardedInput input, int maxDepth) throws LinkFailure {
        this.input = input;
        this.maxDepth = maxDepth;
        try {
            this.xml = factory().createXMLStreamReader(input); // one factory per stream: they are not meant to be shared
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    private static XMLInputFactory factory() {
        final XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's own parser, whatever else is on the class path
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entity " + systemId + " refused");
        });
        return f;
    }

    /** Reads up to the server's stream header and returns its attributes ({@code id}, {@code from}, ...). */
    Map<String, String> openStream() throws LinkFailure {
        try {
            while (true) {
                final int event = nextEvent();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!"stream".equals(xml.getLocalName()) || !NS_STREAMS.equals(xml.getNamespaceURI())) {
                        throw new LinkFailure("the server answered with <" + xml.getLocalName() + "> instead of a stream",
                                "invalid-namespace");
                    }
                    final Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                    }
                    final String defaultNs = xml.getNamespaceURI("");
                    if (!NS_COMPONENT.equals(defaultNs)) {
                        throw new LinkFailure("the server's stream is " + defaultNs + ", not " + NS_COMPONENT
                                + ": is this its component port?", "invalid-namespace");
                    }
                    input.boundary();
                    return attributes;
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new LinkFailure("the server closed the connection before its stream header");
                }
            }
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    /** The next stanza (or other top-level element), or null when the server closed its stream. */
    Element next() throws LinkFailure {
        try {
            while (true) {
                final int event = nextEvent();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        final Element stanza = readElement();
                        input.boundary();
                        return stanza;
                    }
                    case XMLStreamConstants.END_ELEMENT, XMLStreamConstants.END_DOCUMENT -> {
                        return null; // </stream:stream>
                    }
                    default -> input.boundary(); // whitespace keepalives between stanzas
                }
            }
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    /** Builds the element the reader stands on, with everything inside it. */
    private Element readElement() throws XMLStreamException, LinkFailure {
        final Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        int event = XMLStreamConstants.START_ELEMENT;
        while (true) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= maxDepth) {
                        throw new LinkFailure("the server sent a stanza nested deeper than " + maxDepth + " elements",
                                "policy-violation");
                    }
                    final Element element = startElement();
                    if (root == null) {
                        root = element;
                    } else {
                        open.peek().add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    open.pop();
                    if (open.isEmpty()) {
                        return root;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        open.peek().addText(xml.getText());
                case XMLStreamConstants.END_DOCUMENT ->
                        throw new LinkFailure("the connection ended inside a stanza");
                default -> {
                    // comments: nothing to keep
                }
            }
            event = nextEvent();
        }
    }

    private Element startElement() {
        final Element element = dom.createElement(dom.createQName(xml.getLocalName(), prefix(xml.getPrefix()),
                nullToEmpty(xml.getNamespaceURI())));
        for (int i = 0; i < xml.getNamespaceCount(); i++) {
            final String prefix = prefix(xml.getNamespacePrefix(i));
            final String uri = nullToEmpty(xml.getNamespaceURI(i));
            if (!prefix.equals(element.getNamespacePrefix())) {
                element.addNamespace(prefix, uri);
            }
        }
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            final String ns = nullToEmpty(xml.getAttributeNamespace(i));
            final QName name = ns.isEmpty() ? dom.createQName(xml.getAttributeLocalName(i))
                    : dom.createQName(xml.getAttributeLocalName(i), prefix(xml.getAttributePrefix(i)), ns);
            element.addAttribute(name, xml.getAttributeValue(i));
        }
        return element;
    }

    /** The next event, refusing what XMPP forbids (RFC 6120 section 11.1: no DTD, no entity or PI). */
    private int nextEvent() throws XMLStreamException, LinkFailure {
        final int event = xml.next();
        switch (event) {
            case XMLStreamConstants.DTD -> throw new LinkFailure("the server sent a DTD, which XMPP forbids",
                    "restricted-xml");
            case XMLStreamConstants.ENTITY_REFERENCE -> throw new LinkFailure(
                    "the server sent an entity reference (&" + xml.getLocalName() + ";), which XMPP forbids",
                    "restricted-xml");
            case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw new LinkFailure(
                    "the server sent a processing instruction, which XMPP forbids", "restricted-xml");
            default -> {
                return event;
            }
        }
    }

    private LinkFailure failure(XMLStreamException e) {
        final Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
        if (cause instanceof LinkFailure f) {
            return f; // our own limit or tick, raised inside the parser's read
        }
        if (cause instanceof java.io.IOException io) {
            return new LinkFailure(input.endOfStream() ? "the server closed the connection"
                    : "connection lost: " + io.getMessage());
        }
        if (input.endOfStream()) {
            return new LinkFailure("the server closed the connection");
        }
        return new LinkFailure("the server sent malformed XML: " + e.getMessage(), "not-well-formed");
    }

    private static String prefix(String p) {
        return p == null ? "" : p;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // the socket is closed by the session
        }
    }
}
