package org.sipgateway.conference;

import org.jivesoftware.smack.UnparseableStanza;
import org.jivesoftware.smack.parsing.ParsingExceptionCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway connection does with a stanza it cannot parse at all (an odd presence from some occupant, an IQ
 * whose provider is not a {@link TolerantIqProvider}): Smack's default ends the connection, and with it every call on
 * it, so one bad stanza from anyone in the room would hang up the phone. Here it costs one log line and the call goes
 * on. (Smack hands over only the unread rest of such a stanza, not its sender or id, so it cannot be answered here;
 * the requests we serve are answered through {@link TolerantIqProvider}.)
 */
final class MalformedStanzas implements ParsingExceptionCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MalformedStanzas.class);
    private static final int SHOWN = 160;

    @Override
    public void handleUnparsableStanza(UnparseableStanza stanza) {
        LOG.warn("Ignored a stanza that cannot be parsed ({}): {}",
                printable(XmppLogin.rootMessage(stanza.getParsingException())), printable(stanza.getContent().toString()));
    }

    /** One line, no control characters, bounded: a log line and an error text an attacker cannot stretch or forge. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        final String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() > SHOWN ? line.substring(0, SHOWN) + "..." : line;
    }
}
