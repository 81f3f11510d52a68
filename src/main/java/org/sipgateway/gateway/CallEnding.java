package org.sipgateway.gateway;

import org.sipgateway.conference.ConferenceListener.EndReason;

/**
 * Why a call ends and what the phone is told: a SIP status for a call not yet answered, a BYE
 * reason for an answered one. {@code sipDone} when the SIP side already ended by itself.
 */
record CallEnding(int sipStatus, String reason, boolean sipDone) {
    static CallEnding local(String reason) {
        return new CallEnding(480, reason, false);
    }

    static CallEnding phoneHungUp(String reason) {
        return new CallEnding(0, "phone: " + reason, true);
    }

    /** The conference side ended first: the phone is told why, in words Meet users would use. */
    static CallEnding fromConference(EndReason why, String text) {
        final int status = switch (why) {
            case CONNECTION_FAILED, CONNECTION_LOST, MEDIA_FAILED -> 503; // RFC 3261 21.5.4: try again later
            case JOIN_REFUSED, LOBBY_REFUSED -> 403;
            case ROOM_NOT_FOUND -> 404;
            case ROOM_FULL -> 486; // RFC 3261 21.4.24: the callee (the room) cannot take another call now
            case NO_ANSWER -> 504; // RFC 3261 21.5.5: a server we needed did not answer in time
            case KICKED, ROOM_DESTROYED, SESSION_TERMINATED, HANGUP -> 480;
        };
        return new CallEnding(status, shorten(text), false);
    }

    static String shorten(String text) {
        final String one = text == null ? "" : text.replaceAll("[\\r\\n\\p{Cntrl}]", " ").trim();
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}
