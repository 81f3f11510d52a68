package org.sipgateway.testkit.jitsi;

import org.jitsi.xmpp.extensions.rayo.DialIq;
import org.jitsi.xmpp.extensions.rayo.HangUp;
import org.jitsi.xmpp.extensions.rayo.RayoIqProvider;
import org.jitsi.xmpp.extensions.rayo.RefIq;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.impl.JidCreate;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** What Meet's call button sends (docs/JITSI-WIRE.md): a Rayo dial with JvbRoomName, and the hangup to the ref. */
public final class RayoClient {
    static {
        new RayoIqProvider().registerRayoIQs();
    }

    private RayoClient() {
    }

    /** The outcome of one request: the ref URI, or the error condition and text. */
    public record Outcome(String ref, StanzaError.Condition condition, String text) {
        public boolean ok() {
            return condition == null;
        }

        /** The occupant JID in the ref ({@code xmpp:room@conference/nick} without the scheme). */
        public String refJid() {
            return ref.startsWith("xmpp:") ? ref.substring(5) : ref;
        }

        @Override
        public String toString() {
            return ok() ? "ref " + ref : condition + ": " + text;
        }
    }

    /** Sends the dial from {@code client} to {@code to} (the component, or an occupant for the brewery). */
    public static Outcome dial(TestXmppClient client, String to, String number, String room, String roomPassword)
            throws Exception {
        final DialIq dial = DialIq.create(number, "fromnumber");
        dial.setTo(JidCreate.from(to));
        dial.setType(IQ.Type.set);
        if (room != null) {
            dial.setHeader("JvbRoomName", room);
        }
        if (roomPassword != null) {
            dial.setHeader("JvbRoomPassword", roomPassword);
        }
        return send(client, dial);
    }

    /** Sends the hangup to {@code refJid} (the gateway's occupant JID, or the component's call address). */
    public static Outcome hangup(TestXmppClient client, String refJid) throws Exception {
        final HangUp hangup = HangUp.create(client.user(), JidCreate.from(refJid));
        hangup.setType(IQ.Type.set);
        return send(client, hangup);
    }

    private static Outcome send(TestXmppClient client, IQ request) throws Exception {
        try {
            final IQ answer = client.request(request);
            return new Outcome(answer instanceof RefIq ref ? ref.getUri() : "", null, null);
        } catch (XMPPException.XMPPErrorException e) {
            final StanzaError error = e.getStanzaError();
            final String text = error.getDescriptiveText() != null ? error.getDescriptiveText()
                    : error.getDescriptiveText("en");
            return new Outcome(null, error.getCondition(), text);
        }
    }
}
