package org.sipgateway.gateway;

import java.util.Optional;

/** The conference room a call joins, with its password and login token when the call brought them. */
public record RoomTarget(String roomJid, Optional<String> password, Optional<String> authToken, Source source) {
    /** Where the room came from, for logs and the admin page. */
    public enum Source { HEADER, REQUEST_URI, DEFAULT_ROOM }

    public String roomName() {
        return roomJid.substring(0, roomJid.indexOf('@'));
    }

    public String mucService() {
        return roomJid.substring(roomJid.indexOf('@') + 1);
    }

    @Override
    public String toString() {
        // the password and token stay out of logs
        return roomJid + " (from " + source.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
