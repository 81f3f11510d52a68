package org.sipgateway.gateway;

import java.util.EnumSet;
import java.util.Set;

/** The life of one gateway call. Every change goes through {@link #canMoveTo}; ENDED is final. */
public enum CallState {
    /** The INVITE arrived (or the dial was accepted); nothing is set up yet. */
    INCOMING,
    /** Answered by the keypad IVR: the caller hears prompts and types the PIN (or the room password). */
    IVR,
    /** Logging in to XMPP and joining the room; the phone hears ringing. */
    JOINING,
    /** In the room, waiting for the focus's Jingle offer. */
    WAITING_FOR_OFFER,
    /** Dial-out: in the room, our INVITE sent, no answer from the phone yet. */
    DIALING,
    /** Dial-out: the phone rings (180/183). */
    RINGING,
    /** Audio is bridged both ways. */
    CONNECTED,
    /** The phone put the call on hold: nothing goes up to the conference. */
    ON_HOLD,
    /** Both legs are being torn down. */
    ENDING,
    ENDED;

    private Set<CallState> next() {
        return switch (this) {
            case INCOMING -> EnumSet.of(IVR, JOINING, ENDING);
            case IVR -> EnumSet.of(JOINING, ENDING);
            case JOINING -> EnumSet.of(IVR, WAITING_FOR_OFFER, DIALING, CONNECTED, ENDING); // IVR: the room asks for its password
            case DIALING -> EnumSet.of(RINGING, CONNECTED, ENDING);
            case RINGING -> EnumSet.of(CONNECTED, ENDING);
            case WAITING_FOR_OFFER -> EnumSet.of(CONNECTED, ENDING);
            case CONNECTED -> EnumSet.of(ON_HOLD, ENDING);
            case ON_HOLD -> EnumSet.of(CONNECTED, ENDING);
            case ENDING -> EnumSet.of(ENDED);
            case ENDED -> EnumSet.noneOf(CallState.class);
        };
    }

    public boolean canMoveTo(CallState target) {
        return next().contains(target);
    }

    public boolean isOver() {
        return this == ENDING || this == ENDED;
    }
}
