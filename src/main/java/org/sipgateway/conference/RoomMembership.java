package org.sipgateway.conference;

import java.time.Duration;
import java.util.function.BiConsumer;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatException;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Resourcepart;
import org.sipgateway.conference.ConferenceListener.EndReason;
import org.sipgateway.conference.ConferenceListener.LobbyState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Our occupancy of the conference room (XEP-0045): joining (through the lobby when there is one), presence updates, leaving. */
final class RoomMembership {
    private static final Logger LOG = LoggerFactory.getLogger(RoomMembership.class);
    private final XMPPTCPConnection connection;
    private final EntityBareJid room;
    private final Resourcepart nick;
    private final PresenceContent presence;
    private final MultiUserChat muc;

    RoomMembership(XMPPTCPConnection connection, EntityBareJid room, Resourcepart nick, PresenceContent presence) {
        this.connection = connection;
        this.room = room;
        this.nick = nick;
        this.presence = presence;
        this.muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(room);
    }

    /** {@code room@service/nick}: our occupant JID. */
    EntityFullJid occupantJid() {
        return org.jxmpp.jid.impl.JidCreate.entityFullFrom(room, nick);
    }

    MultiUserChat muc() {
        return muc;
    }

    /** Joins the room; when it has a lobby, waits there first (up to {@code lobbyTimeout}). */
    void join(String password, Duration lobbyTimeout, BiConsumer<LobbyState, String> lobbyReport)
            throws ConferenceFailure, InterruptedException {
        try {
            enter(password);
        } catch (XMPPErrorException e) {
            if (e.getStanzaError().getCondition() != StanzaError.Condition.registration_required) {
                throw refused(e, password);
            }
            final EntityBareJid lobby = LobbyWait.lobbyRoomOf(e.getStanza());
            if (lobby == null) {
                throw new ConferenceFailure(EndReason.JOIN_REFUSED, "room " + room
                        + " is members-only and offers no lobby (registration-required)");
            }
            final LobbyWait.Admission admission = LobbyWait.await(connection, lobby, room, nick, presence, lobbyTimeout,
                    lobbyReport);
            try {
                enter(admission.password() != null ? admission.password() : password);
            } catch (XMPPErrorException again) {
                throw refused(again, password);
            }
        }
        LOG.info("Joined {} as {} ({})", room, nick, presence.status());
    }

    private void enter(String password) throws XMPPErrorException, ConferenceFailure, InterruptedException {
        final var config = muc.getEnterConfigurationBuilder(nick).requestNoHistory()
                .timeoutAfter(connection.getReplyTimeout()).withPresence(presence::applyTo);
        if (password != null && !password.isEmpty()) {
            config.withPassword(password);
        }
        try {
            muc.join(config.build());
        } catch (SmackException.NoResponseException e) {
            throw new ConferenceFailure(EndReason.NO_ANSWER, "room " + room + " did not answer our join within "
                    + connection.getReplyTimeout() + " ms");
        } catch (SmackException.NotConnectedException e) {
            throw new ConferenceFailure(EndReason.CONNECTION_LOST, "XMPP connection lost while joining " + room);
        } catch (MultiUserChatException.NotAMucServiceException e) {
            throw new ConferenceFailure(EndReason.JOIN_REFUSED, room.asDomainBareJid() + " is not a MUC service");
        }
    }

    private ConferenceFailure refused(XMPPErrorException e, String password) {
        final StanzaError error = e.getStanzaError();
        final String why;
        switch (error.getCondition()) {
            case not_authorized:
                why = password == null || password.isEmpty() ? "room " + room + " is password-protected and no password was given"
                        : "wrong password for room " + room;
                break;
            case forbidden:
                why = "we are banned from room " + room;
                break;
            case service_unavailable:
                LOG.info("Join refused: room {} is full", room);
                return new ConferenceFailure(EndReason.ROOM_FULL, "room " + room + " is full", e);
            case conflict:
                why = "nickname " + nick + " is already in use in room " + room;
                break;
            case item_not_found:
                LOG.info("Join refused: room {} does not exist and may not be created", room);
                return new ConferenceFailure(EndReason.ROOM_NOT_FOUND, "room " + room
                        + " does not exist and may not be created", e);
            case registration_required:
                why = "room " + room + " is members-only";
                break;
            default:
                why = "room " + room + " refused us: " + error.getCondition()
                        + (error.getDescriptiveText() == null ? "" : " (" + error.getDescriptiveText() + ")");
        }
        LOG.info("Join refused: {}", why);
        return new ConferenceFailure(EndReason.JOIN_REFUSED, why, e,
                error.getCondition() == StanzaError.Condition.not_authorized);
    }

    /**
     * Fails with {@link EndReason#ROOM_NOT_FOUND} unless the room exists: a join would create it (XEP-0045 section
     * 10.1), and a dial-out must never open an empty room of its own. Asked with disco#info (XEP-0045 section 6.4).
     */
    void requireExisting() throws ConferenceFailure, InterruptedException {
        try {
            ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(room);
        } catch (XMPPErrorException e) {
            if (e.getStanzaError().getCondition() == StanzaError.Condition.item_not_found) {
                throw new ConferenceFailure(EndReason.ROOM_NOT_FOUND, "room " + room + " does not exist", e);
            }
            throw new ConferenceFailure(EndReason.JOIN_REFUSED, "room " + room + " refused service discovery: "
                    + FocusRequests.describe(e), e);
        } catch (SmackException.NoResponseException e) {
            throw new ConferenceFailure(EndReason.NO_ANSWER, "room " + room + " did not answer service discovery within "
                    + connection.getReplyTimeout() + " ms");
        } catch (SmackException.NotConnectedException e) {
            throw new ConferenceFailure(EndReason.CONNECTION_LOST, "XMPP connection lost while looking for " + room);
        }
    }

    /**
     * The role of a request's sender: by its occupant JID when the MUC relayed the request (XEP-0045 section 7.5),
     * else by its real JID when the room shows real JIDs.
     */
    OccupantRole roleOfSender(Jid from) {
        final EntityFullJid full = from.asEntityFullJidIfPossible();
        if (full != null && full.asEntityBareJid().equals(room)) {
            return roleOfOccupant(full);
        }
        return roleOfRealJid(from.asBareJid());
    }

    /**
     * Whether a request comes from the conference focus: relayed by the MUC from an occupant whose real JID is a focus
     * JID (Jicofo sends to our occupant JID from its own), or sent straight from a focus JID. A room that hides its
     * occupants' real JIDs from us hides the focus too: then nobody is taken for it.
     */
    boolean sentByFocus(Jid from, java.util.function.Predicate<String> isFocusJid) {
        final EntityFullJid full = from.asEntityFullJidIfPossible();
        if (full == null || !full.asEntityBareJid().equals(room)) {
            return isFocusJid.test(from.asBareJid().toString());
        }
        final Occupant occupant = muc.getOccupant(full);
        if (occupant == null) {
            return false;
        }
        if (occupant.getJid() == null) {
            LOG.warn("Room {} does not show us the real JID of {}, so the gateway cannot tell whether it is the focus"
                    + " (let occupants see real JIDs, as Jitsi Meet does with muc_room_default_public_jids)", room, from);
            return false;
        }
        return isFocusJid.test(occupant.getJid().asBareJid().toString());
    }

    /** The role of the occupant with this occupant JID ({@code room/nick}), as the MUC delivers senders. */
    OccupantRole roleOfOccupant(EntityFullJid occupant) {
        if (!occupant.asEntityBareJid().equals(room)) {
            return OccupantRole.ABSENT;
        }
        return roleOf(muc.getOccupant(occupant));
    }

    /** The role of whoever is in the room with this real (bare) JID, or HIDDEN when the room does not show real JIDs. */
    OccupantRole roleOfRealJid(BareJid real) {
        boolean anyVisible = false;
        for (EntityFullJid occupantJid : muc.getOccupants()) {
            if (occupantJid.getResourceOrEmpty().equals(nick)) {
                continue;
            }
            final Occupant occupant = muc.getOccupant(occupantJid);
            if (occupant == null || occupant.getJid() == null) {
                continue;
            }
            anyVisible = true;
            if (occupant.getJid().asBareJid().equals(real)) {
                return roleOf(occupant);
            }
        }
        return anyVisible || othersCount() == 0 ? OccupantRole.ABSENT : OccupantRole.HIDDEN;
    }

    private static OccupantRole roleOf(Occupant occupant) {
        if (occupant == null || occupant.getRole() == null) {
            return OccupantRole.ABSENT;
        }
        return switch (occupant.getRole()) {
            case moderator -> OccupantRole.MODERATOR;
            case participant -> OccupantRole.PARTICIPANT;
            case visitor -> OccupantRole.VISITOR;
            case none -> OccupantRole.ABSENT;
        };
    }

    /** Sends our current presence (status, mute) to the room. */
    void sendPresence() throws InterruptedException {
        if (!muc.isJoined()) {
            return;
        }
        final var builder = connection.getStanzaFactory().buildPresenceStanza().to(occupantJid());
        presence.applyTo(builder);
        try {
            connection.sendStanza(builder.build());
        } catch (SmackException.NotConnectedException e) {
            LOG.debug("Presence to {} not sent: not connected", room);
        }
    }

    /** Number of occupants besides us. */
    int othersCount() {
        return Math.max(0, muc.getOccupantsCount() - 1);
    }

    /**
     * Shows the final status, then leaves with an unavailable presence carrying it too (XEP-0045 section 7.14);
     * Openfire drops the status of the unavailable presence, so the available one makes sure Meet sees it.
     */
    void leave(String finalStatus) {
        if (!muc.isJoined()) {
            return;
        }
        try {
            presence.status(finalStatus);
            sendPresence();
            final Presence bye = connection.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.unavailable)
                    .to(occupantJid()).setStatus(finalStatus).build();
            connection.sendStanza(bye);
        } catch (SmackException.NotConnectedException | InterruptedException e) {
            LOG.debug("Leaving {}: {}", room, e.toString());
        }
    }
}
