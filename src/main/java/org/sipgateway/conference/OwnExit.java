package org.sipgateway.conference;

import java.util.function.Consumer;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.PresenceTypeFilter;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.muc.packet.Destroy;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;

/**
 * The room putting us out: our own occupant JID's unavailable presence, kicked (XEP-0045 9.1, status 307), banned
 * (9.2, 301) or the room destroyed (10.9). Watched on the connection from before the join, not through Smack's
 * UserStatusListener: Smack takes a presence as ours only once join() has returned, so an exit that follows our
 * self-presence at once was taken for another occupant's and missed.
 */
record OwnExit(Kind kind, String reason, EntityBareJid alternate) {
    enum Kind { KICKED, BANNED, DESTROYED }

    /** The exit this presence announces, or null (a plain leave, or not a MUC presence). */
    static OwnExit of(Stanza presence) {
        final MUCUser user = MUCUser.from(presence);
        if (user == null) {
            return null;
        }
        final Destroy destroy = user.getDestroy();
        if (destroy != null) {
            return new OwnExit(Kind.DESTROYED, destroy.getReason(), destroy.getJid());
        }
        final String reason = user.getItem() == null ? null : user.getItem().getReason();
        if (user.getStatus().contains(MUCUser.Status.BANNED_301)) {
            return new OwnExit(Kind.BANNED, reason, null);
        }
        if (user.getStatus().contains(MUCUser.Status.KICKED_307)) {
            return new OwnExit(Kind.KICKED, reason, null);
        }
        return null;
    }

    /** Calls {@code onExit} when {@code occupant} is put out of its room; remove the returned listener when done. */
    static StanzaListener watch(XMPPConnection connection, EntityFullJid occupant, Consumer<OwnExit> onExit) {
        final StanzaListener listener = stanza -> {
            final OwnExit exit = of(stanza);
            if (exit != null) {
                onExit.accept(exit);
            }
        };
        connection.addAsyncStanzaListener(listener, new AndFilter(FromMatchesFilter.createFull(occupant),
                PresenceTypeFilter.UNAVAILABLE));
        return listener;
    }

    /** ": reason", or nothing when the room gave none. */
    String reasonSuffix() {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
