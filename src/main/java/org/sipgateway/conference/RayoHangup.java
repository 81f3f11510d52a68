package org.sipgateway.conference;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;

/**
 * A Rayo {@code <hangup/>} sent to our occupant JID. The MUC relays it with the sender's occupant JID as
 * {@code from} (XEP-0045 section 7.5); a sender may also address us from its real JID. The gateway decides whether
 * that sender may end the call; we answer result or forbidden (RFC 6120 section 8.3.3.5).
 */
final class RayoHangup {
    private RayoHangup() {
    }

    static IQ answer(IQ request, RoomMembership room, ConferenceListener listener) {
        final Jid from = request.getFrom();
        if (from == null) {
            return StanzaErrors.reply(request, StanzaError.Condition.bad_request,
                    "a hangup needs a sender");
        }
        final OccupantRole role = room == null ? OccupantRole.ABSENT : room.roleOfSender(from);
        if (listener.hangupRequested(from.toString(), role)) {
            return IQ.createResultIQ(request);
        }
        return StanzaErrors.reply(request, StanzaError.Condition.forbidden,
                "only a moderator of the room or whoever dialled this call may hang it up (" + from + " is "
                        + role.name().toLowerCase(java.util.Locale.ROOT) + ")");
    }
}
