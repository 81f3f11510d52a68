package org.sipgateway.conference;

import org.jitsi.xmpp.extensions.jitsimeet.MuteIq;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jitsi's audio mute request ({@code <mute xmlns='http://jitsi.org/jitmeet/audio'>true</mute>}, sent by the focus when a
 * moderator mutes the phone user): media stops sending, our presence says muted (SourceInfo, audiomuted), the
 * gateway hears it. Taken from moderators of the conference room only (the focus is one).
 */
final class ModeratorMute {
    private static final Logger LOG = LoggerFactory.getLogger(ModeratorMute.class);

    private ModeratorMute() {
    }

    /** @param senderRole the sender's role in our room ({@link RoomMembership#roleOfSender}) */
    static IQ handle(MuteIq mute, OccupantRole senderRole, RoomMembership room, PresenceContent presence,
            JingleMedia media, ConferenceListener listener) {
        if (room == null || senderRole != OccupantRole.MODERATOR) {
            return StanzaErrors.reply(mute, StanzaError.Condition.forbidden,
                    "mute requests are taken from the focus or a moderator of the conference room only, not from "
                            + mute.getFrom() + " (" + senderRole.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        if (mute.getMute() == null) {
            return StanzaErrors.reply(mute, StanzaError.Condition.bad_request,
                    "mute request without true/false");
        }
        final boolean muted = mute.getMute();
        media.setMuted(muted);
        presence.muted(muted);
        try {
            room.sendPresence();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} {} by {}", room.occupantJid(), muted ? "muted" : "unmuted", mute.getActor());
        listener.muted(muted, mute.getActor() == null ? String.valueOf(mute.getFrom()) : mute.getActor().toString());
        return IQ.createResultIQ(mute);
    }
}
