package org.sipgateway.gateway;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.sipgateway.conference.ConferenceFailure;
import org.sipgateway.gateway.ivr.KeypadIvr;
import org.sipgateway.gateway.ivr.Prompt;
import org.sipgateway.media.MediaSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keypad IVR part of a dial-in call that named no room: asks for the PIN, finds its room (and its place in
 * the room's call limit), and asks for the room password when the room turns out to be locked. The
 * {@link GatewaySession} owns it, runs it on the call's executor, and does the joining and the hanging up.
 */
final class KeypadCall {
    private static final Logger LOG = LoggerFactory.getLogger(KeypadCall.class);

    /** What the call does for its IVR. */
    interface Host {
        /** Joins this room (moving from the IVR to joining). */
        void join(RoomTarget room);

        /** Ends the call with this reason (the goodbye prompt has played). */
        void hangUp(String reason);
    }

    private final String callId;
    private final IvrSetup setup;
    private final CallLimits.Permit permit;
    private final KeypadIvr.Timers timers;
    private final Host host;
    private KeypadIvr ivr;
    private RoomTarget room;

    KeypadCall(String callId, IvrSetup setup, CallLimits.Permit permit, KeypadIvr.Timers timers, Host host) {
        this.callId = callId;
        this.setup = setup;
        this.permit = permit;
        this.timers = timers;
        this.host = host;
    }

    /** The phone is answered and its media runs: ask for the PIN. */
    void start(MediaSession media) {
        ivr = new KeypadIvr(setup.config(), setup.prompts(), new KeypadIvr.Output() {
            @Override
            public void play(Prompt prompt) {
                media.playToSip(prompt.pcm(), prompt.sampleRate());
            }

            @Override
            public void stop() {
                media.stopPlayingToSip();
            }
        }, timers, new Typed());
        ivr.askPin();
    }

    void digit(char digit) {
        if (ivr != null) {
            ivr.digit(digit);
        }
    }

    /** True when this failed join means the room wants a (different) password and the caller may type one. */
    boolean roomWantsPassword(CompletableFuture<String> join) {
        if (ivr == null || join == null || !setup.config().askRoomPassword()) {
            return false;
        }
        try {
            join.getNow(null);
            return false;
        } catch (CompletionException e) {
            return e.getCause() instanceof ConferenceFailure f && f.passwordRefused();
        } catch (CancellationException e) {
            return false;
        }
    }

    /** The room refused us for its password: ask for it (again). */
    void askPassword(RoomTarget locked) {
        LOG.info("{}: {} wants a password{}", callId, locked.roomJid(),
                locked.password().isPresent() ? " and refused the one typed" : ": asking the caller");
        room = locked;
        if (locked.password().isPresent()) {
            ivr.rejected();
        } else {
            ivr.askRoomPassword();
        }
    }

    void close() {
        if (ivr != null) {
            ivr.close();
        }
    }

    private void pinTyped(String pin) {
        final Optional<String> found;
        try {
            found = setup.pins().roomFor(pin);
        } catch (RuntimeException e) {
            LOG.warn("{}: PIN lookup failed: {}", callId, e.getMessage());
            ivr.giveUp("the PIN could not be looked up: " + e.getMessage());
            return;
        }
        if (found.isEmpty()) {
            LOG.info("{}: the PIN typed ({} digits) belongs to no room", callId, pin.length());
            ivr.rejected();
            return;
        }
        final Optional<CallLimits.Refusal> full = permit.assign(found.get());
        if (full.isPresent()) {
            LOG.info("{}: PIN of {}, but {}", callId, found.get(), full.get().reason());
            ivr.giveUp(full.get().reason());
            return;
        }
        room = RoomTarget.fromPin(found.get());
        LOG.info("{}: the PIN leads to {}", callId, room.roomJid());
        ivr.joining();
        host.join(room);
    }

    private final class Typed implements KeypadIvr.Listener {
        @Override
        public void entered(KeypadIvr.Entry entry, String digits) {
            if (entry == KeypadIvr.Entry.PIN) {
                pinTyped(digits);
            } else {
                ivr.joining();
                host.join(room.withPassword(digits));
            }
        }

        @Override
        public void gaveUp(String reason) {
            LOG.info("{}: keypad IVR gives up: {}", callId, reason);
            host.hangUp(reason);
        }
    }
}
