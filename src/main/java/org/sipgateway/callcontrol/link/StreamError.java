package org.sipgateway.callcontrol.link;

import org.dom4j.Element;

/**
 * A {@code <stream:error/>} from the server (RFC 6120 section 4.9): the defined condition, e.g.
 * {@code not-authorized} (wrong secret) or {@code conflict} (another component holds the name), and its text.
 */
record StreamError(String condition, String text) {
    static final String NS_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";

    static boolean is(Element element) {
        return "error".equals(element.getName()) && StanzaReader.NS_STREAMS.equals(element.getNamespaceURI());
    }

    static StreamError of(Element error) {
        String condition = "undefined-condition";
        String text = "";
        for (Element child : error.elements()) {
            if (!NS_ERRORS.equals(child.getNamespaceURI())) {
                continue; // application-specific conditions add nothing a person can act on
            }
            if ("text".equals(child.getName())) {
                text = child.getTextTrim();
            } else {
                condition = child.getName();
            }
        }
        return new StreamError(condition, text);
    }

    /** {@code stream error not-authorized (Given token does not match calculated token)}. */
    String describe() {
        return "stream error " + condition + (text.isEmpty() ? "" : " (" + text + ")") + hint();
    }

    private String hint() {
        return switch (condition) {
            case "not-authorized" -> ": the shared secret does not match the server's component_secret";
            case "conflict" -> ": another component is connected under this name";
            case "host-unknown" -> ": the server has no component of this name configured";
            default -> "";
        };
    }
}
