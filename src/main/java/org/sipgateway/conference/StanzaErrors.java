package org.sipgateway.conference;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.StringUtils;

/**
 * Error answers whose reason survives the wire. Smack 4.4.8 streams a stanza with {@code XmlStringBuilder.write},
 * which drops the namespace of an error's {@code <text/>} (its {@code toString} is right), so receivers parse no text
 * at all (seen with prosody and Openfire). The text goes out as a pre-rendered element instead, in the place RFC 6120
 * section 8.3.2 gives it: after the condition, before application-specific conditions.
 */
public final class StanzaErrors {
    public static final String STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private StanzaErrors() {
    }

    /** An error with this condition and readable text, ready for further application-specific extensions. */
    public static StanzaError.Builder of(StanzaError.Condition condition, String text) {
        final StanzaError.Builder error = StanzaError.getBuilder(condition);
        if (text != null && !text.isEmpty()) {
            error.addExtension(new Text(text));
        }
        return error;
    }

    /** The error answer to {@code request}. */
    public static IQ reply(IQ request, StanzaError.Condition condition, String text) {
        return reply(request, of(condition, text));
    }

    /**
     * The error answer to {@code request} without its payload (RFC 6120 section 8.3.1 makes echoing it optional):
     * Smack would serialize the request again on its writer thread, and a request we could not make sense of (a
     * Jingle without action) fails there and ends the connection; an echoed empty Jingle element would in turn read
     * as such a request on the other side.
     */
    public static IQ reply(IQ request, StanzaError.Builder error) {
        return IQ.createErrorResponse(new Envelope(request), error);
    }

    /** Id, addresses and type of a request, and no child element. */
    private static final class Envelope extends IQ {
        Envelope(IQ request) {
            super(request.getChildElementName() == null ? "error" : request.getChildElementName(),
                    request.getChildElementNamespace());
            setStanzaId(request.getStanzaId());
            setType(request.getType());
            setFrom(request.getFrom());
            setTo(request.getTo());
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            return null; // no child: the error alone
        }
    }

    /** {@code <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>}, rendered once as a plain string. */
    private static final class Text implements ExtensionElement {
        private final String xml;

        Text(String text) {
            this.xml = "<text xmlns='" + STANZAS_NS + "' xml:lang='en'>" + StringUtils.escapeForXmlText(text) + "</text>";
        }

        @Override
        public String getElementName() {
            return "text";
        }

        @Override
        public String getNamespace() {
            return STANZAS_NS;
        }

        @Override
        public String toXML(XmlEnvironment enclosing) {
            return xml;
        }
    }
}
