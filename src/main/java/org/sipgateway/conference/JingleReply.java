package org.sipgateway.conference;

import java.util.List;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;

/**
 * The answer to one Jingle request: the IQ response (result or error, RFC 6120 section 8.2.3: every request is
 * answered) and the requests we send right after it (session-accept after the result of session-initiate).
 */
record JingleReply(IQ response, List<IQ> followUps) {
    static final String JINGLE_ERRORS = "urn:xmpp:jingle:errors:1";

    static JingleReply result(IQ request) {
        return new JingleReply(IQ.createResultIQ(request), List.of());
    }

    static JingleReply resultThen(IQ request, IQ followUp) {
        return new JingleReply(IQ.createResultIQ(request), List.of(followUp));
    }

    static JingleReply error(IQ request, StanzaError.Condition condition, String text) {
        return new JingleReply(StanzaErrors.reply(request, condition, text), List.of());
    }

    /** An error with a Jingle-specific condition next to the stanza one (XEP-0166 section 10). */
    static JingleReply jingleError(IQ request, StanzaError.Condition condition, String jingleCondition, String text) {
        final StanzaError.Builder error = StanzaErrors.of(condition, text);
        error.addExtension(StandardExtensionElement.builder(jingleCondition, JINGLE_ERRORS).build());
        return new JingleReply(StanzaErrors.reply(request, error), List.of());
    }
}
