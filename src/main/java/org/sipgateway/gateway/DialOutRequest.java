package org.sipgateway.gateway;

import java.util.Objects;

/**
 * One dial-out as the gateway runs it, already allowed by call control's policy.
 *
 * @param room          the conference room: a full room JID, or a bare name (the MUC service is appended)
 * @param roomPassword  the room's password (Rayo header {@code JvbRoomPassword}), or empty
 * @param target        the number or SIP URI to call, parsed once
 * @param displayName   what Meet shows for the participant (usually the number)
 * @param requester     the real JID of whoever asked, or empty when a trusted focus forwarded the dial
 * @param requesterMust what the requester must be in the room, checked once we are in it
 * @param occupantsMayHangUp any occupant may end the call (policy "occupants"); else moderators and the requester
 * @param outboundProxy SIP proxy for this dial-out ({@code sipgateway.dialout.proxy}), empty: the SIP default
 */
public record DialOutRequest(String room, String roomPassword, DialOutTarget target, String displayName, String requester,
        RequesterMust requesterMust, boolean occupantsMayHangUp, String outboundProxy) {
    /** The check on the requester's place in the room before anything is dialled. */
    public enum RequesterMust {
        /** Nothing to check: the focus forwarded the dial after its own checks (Jicofo's brewery path). */
        NOTHING,
        /** Be in the room. */
        BE_OCCUPANT,
        /** Be a moderator of the room. */
        BE_MODERATOR
    }

    public DialOutRequest {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(target, "target");
        roomPassword = roomPassword == null ? "" : roomPassword;
        displayName = displayName == null || displayName.isBlank() ? target.canonical() : displayName;
        requester = requester == null ? "" : requester;
        requesterMust = requesterMust == null ? RequesterMust.NOTHING : requesterMust;
        outboundProxy = outboundProxy == null ? "" : outboundProxy;
        if (requesterMust != RequesterMust.NOTHING && requester.isEmpty()) {
            throw new IllegalArgumentException("a requester check needs the requester's JID");
        }
    }
}
