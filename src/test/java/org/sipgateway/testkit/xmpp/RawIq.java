package org.sipgateway.testkit.xmpp;

import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/** An IQ whose child element is written as given: lets tests send exactly the XML a peer would. */
final class RawIq extends IQ {
    private final String attributes;
    private final String innerXml;

    private RawIq(String element, String namespace, String attributes, String innerXml) {
        super(element, namespace);
        this.attributes = attributes;
        this.innerXml = innerXml;
    }

    static RawIq of(Jid to, Type type, String element, String namespace, String attributes, String innerXml) {
        final RawIq iq = new RawIq(element, namespace, attributes, innerXml);
        iq.setTo(to);
        iq.setType(type);
        return iq;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        if (attributes != null && !attributes.isEmpty()) {
            xml.append(attributes);
        }
        if (innerXml == null || innerXml.isEmpty()) {
            xml.setEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        xml.append(innerXml);
        return xml;
    }
}
