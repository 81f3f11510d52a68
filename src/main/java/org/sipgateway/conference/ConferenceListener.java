package org.sipgateway.conference;

/**
 * What a participant reports to the gateway. Called on the participant's serial executor (one call at a time,
 * in order): hand long work off.
 */
public interface ConferenceListener {

    /** We are in the room as {@code occupantJid} ({@code room@conference/<endpoint>}). */
    default void joined(String occupantJid) { }

    /** The room has a lobby: we wait in {@code lobbyRoomJid} for a moderator (state WAITING), then ADMITTED or DENIED. */
    default void lobby(LobbyState state, String detail) { }

    /** Occupants other than us (the focus included) changed; {@code count} is the new number. */
    default void participantCountChanged(int count) { }

    /** We answered the focus's offer; media has been handed the negotiation. */
    default void offerAccepted(MediaOffer offer) { }

    /** Media toward the bridge is connected. */
    default void mediaConnected() { }

    /** A moderator muted (true) or unmuted us; the media is already told. */
    default void muted(boolean muted, String actor) { }

    /** A Jingle DTMF digit from Meet (XEP-0181), for RFC 4733 on the SIP side. */
    default void dtmf(char digit, int durationMillis) { }

    /**
     * A Rayo {@code <hangup/>} reached our occupant JID (how Meet ends a call it dialled out). {@code from} is the
     * sender as the MUC delivered it (an occupant JID, or the sender's real JID) and {@code role} the sender's role in
     * the room as far as we can see it. Return true to accept (the participant answers the IQ with a result; the call
     * is expected to end), false to refuse it with forbidden.
     */
    default boolean hangupRequested(String from, OccupantRole role) { return false; }

    /**
     * The participant is finished: it left the room or never got in. The connection is closed when this is called
     * or right after. Called once.
     */
    default void ended(EndReason reason, String text) { }

    /** Lobby progress. */
    enum LobbyState { WAITING, ADMITTED, DENIED, TIMED_OUT }

    /** Why a participant ended. */
    enum EndReason {
        /** {@link ConferenceParticipant#close} was called (normal hangup from the gateway). */
        HANGUP,
        /** The server could not be reached, TLS failed or the login was refused. */
        CONNECTION_FAILED,
        /** The room refused us: wrong or missing password, members only, banned. */
        JOIN_REFUSED,
        /** The XMPP server did not answer a join or a query in time (overloaded or stuck). */
        NO_ANSWER,
        /** The room has as many occupants as it allows (XEP-0045 section 7.2.10: service-unavailable). */
        ROOM_FULL,
        /** The room does not exist, and we were asked not to create it (or may not). */
        ROOM_NOT_FOUND,
        /** The lobby denied us or the wait timed out. */
        LOBBY_REFUSED,
        /** A moderator kicked us (MUC status 307). */
        KICKED,
        /** The room was destroyed. */
        ROOM_DESTROYED,
        /** The focus terminated the Jingle session (session-terminate). */
        SESSION_TERMINATED,
        /** Media failed toward the bridge. */
        MEDIA_FAILED,
        /** The XMPP connection dropped. */
        CONNECTION_LOST
    }
}
