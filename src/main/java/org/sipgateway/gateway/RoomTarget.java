package org.sipgateway.gateway;

import java.util.Optional;

/** The conference room a call joins, with its password and login token when the call brought them. */
public record RoomTarget(String roomJid, Optional<String> password, Optional<String> authToken, Source source) {
    /** Where the room came from, for logs and the admin page. */
    public enum Source { HEADER, REQUEST_URI, DEFAULT_ROOM, PIN }

    /** The room a PIN typed in the keypad IVR leads to. */
    public static RoomTarget fromPin(String roomJid) {
        return new RoomTarget(roomJid, Optional.empty(), Optional.empty(), Source.PIN);
    }

    /** The same room with the password the caller typed. */
    public RoomTarget withPassword(String typed) {
        return new RoomTarget(roomJid, Optional.of(typed), authToken, source);
    }

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
