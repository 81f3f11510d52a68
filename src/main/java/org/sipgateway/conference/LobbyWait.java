package org.sipgateway.conference;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.InvitationListener;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.sipgateway.conference.ConferenceListener.EndReason;
import org.sipgateway.conference.ConferenceListener.LobbyState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting in a Jitsi lobby (prosody mod_muc_lobby_rooms, as lib-jitsi-meet and Jigasi use it): the main room refuses
 * us with registration-required and names the lobby room in {@code <lobbyroom xmlns='http://jitsi.org/jitmeet'>};
 * we join that room and wait until a moderator admits us (a MUC invitation from the main room, XEP-0045 section 7.8.2,
 * or the lobby destroyed with the main room as alternate venue), denies us (kicked), or the wait times out.
 */
final class LobbyWait {
    static final String JITMEET_NS = "http://jitsi.org/jitmeet";
    private static final Logger LOG = LoggerFactory.getLogger(LobbyWait.class);

    /** Admitted; {@code password} is the main room's password when the invitation carried one. */
    record Admission(String password) { }

    private LobbyWait() {
    }

    /** The lobby room named in a registration-required join error, or null (then the room is plain members-only). */
    static EntityBareJid lobbyRoomOf(Stanza refusal) {
        if (refusal == null) {
            return null;
        }
        ExtensionElement element = null;
        final StanzaError error = refusal.getError();
        if (error != null) {
            element = error.getExtension("lobbyroom", JITMEET_NS);
        }
        if (element == null) {
            element = refusal.getExtensionElement("lobbyroom", JITMEET_NS); // older prosody modules put it here
        }
        if (element == null) {
            return null;
        }
        final String text = element instanceof org.jivesoftware.smack.packet.StandardExtensionElement s ? s.getText() : null;
        try {
            return text == null || text.isBlank() ? null : JidCreate.entityBareFrom(text.trim());
        } catch (org.jxmpp.stringprep.XmppStringprepException e) {
            LOG.warn("Ignoring a lobby room that is no JID: '{}'", text);
            return null;
        }
    }

    static Admission await(XMPPConnection connection, EntityBareJid lobby, EntityBareJid mainRoom, Resourcepart nick,
            PresenceContent presence, Duration timeout, BiConsumer<LobbyState, String> report)
            throws ConferenceFailure, InterruptedException {
        final CompletableFuture<Admission> outcome = new CompletableFuture<>();
        final MultiUserChatManager manager = MultiUserChatManager.getInstanceFor(connection);
        final MultiUserChat lobbyRoom = manager.getMultiUserChat(lobby);
        final InvitationListener invitations = (conn, room, inviter, reason, password, message, invite) -> {
            if (room.getRoom().equals(mainRoom)) {
                outcome.complete(new Admission(password));
            }
        };
        final StanzaListener leftLobby = OwnExit.watch(connection, JidCreate.entityFullFrom(lobby, nick), exit -> {
            if (exit.kind() == OwnExit.Kind.DESTROYED && mainRoom.equals(exit.alternate())) {
                outcome.complete(new Admission(null)); // lobby switched off: go to the main room
            } else if (exit.kind() == OwnExit.Kind.DESTROYED) {
                outcome.completeExceptionally(new ConferenceFailure(EndReason.LOBBY_REFUSED,
                        "the lobby of " + mainRoom + " was closed" + exit.reasonSuffix()));
            } else {
                outcome.completeExceptionally(new ConferenceFailure(EndReason.LOBBY_REFUSED,
                        "a moderator of " + mainRoom + " denied access from the lobby" + exit.reasonSuffix()));
            }
        });
        manager.addInvitationListener(invitations);
        try {
            lobbyRoom.join(lobbyRoom.getEnterConfigurationBuilder(nick).requestNoHistory()
                    .timeoutAfter(connection.getReplyTimeout()).withPresence(presence::applyTo).build());
            LOG.info("Waiting in lobby {} for admission to {} (up to {} s)", lobby, mainRoom, timeout.toSeconds());
            report.accept(LobbyState.WAITING, lobby.toString());
            final Admission admitted = awaitOutcome(connection, outcome, timeout);
            report.accept(LobbyState.ADMITTED, mainRoom.toString());
            return admitted;
        } catch (TimeoutException e) {
            report.accept(LobbyState.TIMED_OUT, mainRoom.toString());
            throw new ConferenceFailure(EndReason.LOBBY_REFUSED, "nobody admitted us from the lobby of " + mainRoom
                    + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            report.accept(LobbyState.DENIED, e.getCause().getMessage());
            throw (ConferenceFailure) e.getCause();
        } catch (org.jivesoftware.smack.SmackException | org.jivesoftware.smack.XMPPException e) {
            throw new ConferenceFailure(EndReason.LOBBY_REFUSED, "cannot join the lobby " + lobby + ": "
                    + XmppLogin.rootMessage(e), e);
        } finally {
            manager.removeInvitationListener(invitations);
            connection.removeAsyncStanzaListener(leftLobby);
            leaveQuietly(lobbyRoom);
        }
    }

    /** Waits in slices, so that a hangup (the connection closed under us) ends the wait at once. */
    private static Admission awaitOutcome(XMPPConnection connection, CompletableFuture<Admission> outcome, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException, ConferenceFailure {
        final long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            final long left = end - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return outcome.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slice) {
                if (!connection.isConnected()) {
                    throw new ConferenceFailure(EndReason.CONNECTION_LOST, "the connection closed while waiting in the lobby");
                }
            }
        }
    }

    private static void leaveQuietly(MultiUserChat room) {
        if (!room.isJoined()) {
            return;
        }
        try {
            room.leave();
        } catch (Exception e) {
            LOG.debug("Leaving lobby {}: {}", room.getRoom(), e.toString());
        }
    }
}
