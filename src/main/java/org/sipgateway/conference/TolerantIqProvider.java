package org.sipgateway.conference;

import java.io.IOException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.IqData;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.IqProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Reads a request with another provider, and when that fails (a JID that is none, a number that is none) returns an
 * {@link Unreadable} request instead of throwing: Smack would otherwise drop the whole stanza unanswered, and with
 * its default callback end the connection and every call on it. The request handler answers an {@link Unreadable}
 * with bad-request and the reason (RFC 6120 section 8.3.3.1).
 */
final class TolerantIqProvider extends IqProvider<IQ> {
    private final IqProvider<? extends IQ> strict;
    private final String element;
    private final String namespace;

    private TolerantIqProvider(IqProvider<? extends IQ> strict, String element, String namespace) {
        this.strict = strict;
        this.element = element;
        this.namespace = namespace;
    }

    /** Wraps the provider registered for this element (JVM-wide registry, so once is enough; again is harmless). */
    static void wrapRegistered(String element, String namespace) {
        final IqProvider<IQ> registered = ProviderManager.getIQProvider(element, namespace);
        if (registered != null && !(registered instanceof TolerantIqProvider)) {
            ProviderManager.addIQProvider(element, namespace, new TolerantIqProvider(registered, element, namespace));
        }
    }

    @Override
    public IQ parse(XmlPullParser parser, int initialDepth, IqData iqData, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        try {
            return strict.parse(parser, initialDepth, iqData, xmlEnvironment);
        } catch (Exception e) { // jxmpp's bad-JID exception is an IOException too: it is the content, not the stream
            ParserUtils.forwardToEndTagOfDepth(parser, initialDepth); // throws on its own if the stream is broken
            return new Unreadable(element, namespace, MalformedStanzas.printable(XmppLogin.rootMessage(e)));
        }
    }

    /** A request whose payload could not be read: its element, namespace and why. */
    static final class Unreadable extends IQ {
        private final String why;

        Unreadable(String element, String namespace, String why) {
            super(element, namespace);
            this.why = why;
        }

        String why() {
            return why;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.setEmptyElement();
            return xml;
        }
    }
}
