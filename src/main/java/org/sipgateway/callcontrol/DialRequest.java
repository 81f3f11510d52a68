package org.sipgateway.callcontrol;

import org.sipgateway.gateway.DialOutTarget;

/**
 * Who asks to dial what from which room, as the policy judges it.
 *
 * @param requester  the JID that sent the dial (the client, or the focus forwarding it)
 * @param moderator  whether the requester is a moderator of the room (known from the room, or vouched for by
 *                   the focus, which checks it before forwarding)
 * @param room       the conference room JID (JvbRoomName)
 * @param target     the number or SIP URI, parsed once (its canonical form is what the allow-list sees)
 * @param vouched    forwarded by a trusted focus (Jicofo's brewery path), which already checked who may dial: the
 *                   who-may-dial and domain rules are then the focus's, the what and how-much rules still ours
 */
public record DialRequest(String requester, boolean moderator, String room, DialOutTarget target, boolean vouched) {
    /** The domain of the requester's JID, for the members-of-domains rule. */
    public String requesterDomain() {
        final String bare = requester.contains("/") ? requester.substring(0, requester.indexOf('/')) : requester;
        return bare.contains("@") ? bare.substring(bare.indexOf('@') + 1) : bare;
    }

    /** The MUC service of the room ({@code conference.example.com} of {@code room@conference.example.com}). */
    public String roomService() {
        return room.substring(room.indexOf('@') + 1);
    }
}
