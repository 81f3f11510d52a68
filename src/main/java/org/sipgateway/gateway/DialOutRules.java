package org.sipgateway.gateway;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.sipgateway.conference.ConferenceFailure;
import org.sipgateway.conference.OccupantRole;
import org.sipgateway.gateway.DialOutFailure.Kind;
import org.sipgateway.gateway.DialOutRequest.RequesterMust;
import org.sipgateway.media.codec.AudioCodec;

/** The decisions of a dial-out that need no state: who may go on, who may hang up, how a failure is named, the mix. */
final class DialOutRules {
    private DialOutRules() {
    }

    /** Why a requester may not go on: what the requester is told, and what the log says (which may say more). */
    record Refusal(String answer, String log) {
    }

    /**
     * Why the requester may not dial into this room, or null when it may (checked in the room, by real JID). Whoever
     * is not seen in the room gets {@link #unseen}, the same words whether the room exists or not.
     */
    static Refusal requesterRefusal(DialOutRequest request, String roomJid, OccupantRole role) {
        if (request.requesterMust() == RequesterMust.NOTHING) {
            return null;
        }
        final String who = request.requester();
        if (role == OccupantRole.HIDDEN) {
            return new Refusal(unseen(request, roomJid), "room " + roomJid + " hides its occupants' real JIDs, so the"
                    + " gateway cannot check that " + who + " is " + (request.requesterMust() == RequesterMust.BE_MODERATOR
                    ? "a moderator" : "an occupant") + " there (let occupants see real JIDs, as Jitsi Meet does with"
                    + " muc_room_default_public_jids)");
        }
        if (!role.present()) {
            return new Refusal(unseen(request, roomJid), who + " is not in room " + roomJid);
        }
        if (request.requesterMust() == RequesterMust.BE_MODERATOR && role != OccupantRole.MODERATOR) {
            final String text = "only moderators may dial out, and " + who + " is not a moderator of room " + roomJid;
            return new Refusal(text, text);
        }
        return null;
    }

    /**
     * What a requester the gateway does not see in the room is told, whether the room is missing, refused us (wrong
     * password, members only, full) or the requester is simply not there: a stranger learns nothing about the room.
     */
    static String unseen(DialOutRequest request, String roomJid) {
        return request.requester() + " must be " + (request.requesterMust() == RequesterMust.BE_MODERATOR
                ? "a moderator" : "an occupant") + " of room " + roomJid + " to dial out from it, and the gateway does"
                + " not see it there";
    }

    /** Whether a failed join says something about the room itself (it exists, is full, has a password, ...). */
    static boolean tellsAboutTheRoom(Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ConferenceFailure f && switch (f.reason()) {
            case ROOM_NOT_FOUND, JOIN_REFUSED, ROOM_FULL, LOBBY_REFUSED, KICKED, ROOM_DESTROYED -> true;
            default -> false;
        };
    }

    /** Moderators may end a dialled call, and whoever dialled it, and any occupant when the policy says occupants. */
    static boolean mayHangUp(DialOutRequest request, String from, OccupantRole role) {
        final boolean requester = !request.requester().isEmpty() && bare(from).equals(bare(request.requester()));
        return role == OccupantRole.MODERATOR || requester || (request.occupantsMayHangUp() && role.present());
    }

    /** A failed join, in the terms call control answers with. */
    static Kind kindOf(Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (!(cause instanceof ConferenceFailure f)) {
            return Kind.UNAVAILABLE;
        }
        return switch (f.reason()) {
            case ROOM_NOT_FOUND -> Kind.NOT_FOUND;
            case JOIN_REFUSED -> f.passwordRefused() ? Kind.NOT_AUTHORIZED : Kind.FORBIDDEN;
            case LOBBY_REFUSED, KICKED -> Kind.FORBIDDEN;
            default -> Kind.UNAVAILABLE;
        };
    }

    /**
     * The codec whose rate the call is mixed at, chosen before the answer. A SIP URI gets our first offered codec, the
     * likeliest answer (RFC 3264 section 6.1). A number goes to a telephone network that answers G.711 or at best
     * G.722: mixing at 16 kHz keeps HD voice and costs a fifth less than a 48 kHz mix for a G.711 answer.
     */
    static AudioCodec mixCodec(DialOutTarget target, AudioCodec firstOffered) {
        return target.isNumber() && firstOffered.pcmRate() > AudioCodec.G722.pcmRate() ? AudioCodec.G722 : firstOffered;
    }

    /** The bare JID, lower case (JIDs compare case-insensitively in their local and domain parts, RFC 7622). */
    static String bare(String jid) {
        final int slash = jid.indexOf('/');
        return (slash < 0 ? jid : jid.substring(0, slash)).toLowerCase(Locale.ROOT);
    }
}
