package org.sipgateway.conference;

/**
 * What we can see of someone's place in the conference room (XEP-0045 section 5.1 roles), as far as the room shows
 * it: a room that hides real JIDs from participants ({@code muc#roomconfig_whois} = moderators) makes a real JID
 * impossible to place, which is {@link #HIDDEN}, not {@link #ABSENT}.
 */
public enum OccupantRole {
    MODERATOR, PARTICIPANT, VISITOR,
    /** Not in the room. */
    ABSENT,
    /** The room hides occupants' real JIDs from us, so we cannot tell. */
    HIDDEN;

    /** True for roles that may speak and act in the room. */
    public boolean present() {
        return this == MODERATOR || this == PARTICIPANT || this == VISITOR;
    }
}
