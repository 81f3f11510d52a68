package org.sipgateway.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sipgateway.conference.CallStatus;
import org.sipgateway.conference.ConferenceListener;
import org.sipgateway.conference.ConferenceParticipant;
import org.sipgateway.conference.MediaOffer;
import org.sipgateway.conference.ParticipantSpec;
import org.sipgateway.media.MediaListener;
import org.sipgateway.media.MediaSession;
import org.sipgateway.media.MediaSide;
import org.sipgateway.sip.call.CallEnd;
import org.sipgateway.sip.call.IncomingCall;
import org.sipgateway.sip.call.SipCall;
import org.sipgateway.sip.call.SipCallListener;
import org.sipgateway.sip.sdp.LocalMedia;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.sip.stack.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dial-in call: a SIP dialog, a conference participant and a media session, bound by a state
 * machine. Events from the three stacks are handed to one serial executor per call, so the state
 * is only ever touched by one thread at a time. Every way out ends both legs with a reason. A call
 * without a room goes through the keypad IVR first ({@link KeypadCall}), answered with SIP-side media only.
 */
public final class GatewaySession implements LiveCall {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySession.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "call-" + IDS.incrementAndGet();
    private final GatewayContext ctx;
    private final IncomingCall incoming;
    private final SipCall sip;
    private RoomTarget room; // a keypad IVR call learns it from the PIN
    private final CallLimits.Permit permit;
    private final Executor events;
    private final Instant started = Instant.now();
    private final String caller;
    private volatile NegotiatedMedia sipMedia; // changes with a re-INVITE
    private volatile CallState state = CallState.INCOMING;
    private ConferenceParticipant participant;
    private BridgeMedia bridge;
    private ScheduledFuture<?> offerTimer;
    private boolean answered;
    private boolean connected;
    private final KeypadCall keypad; // null when the INVITE named its room
    private CompletableFuture<String> joining;

    GatewaySession(GatewayContext ctx, IncomingCall incoming, NegotiatedMedia sipMedia, RoomTarget room,
            CallLimits.Permit permit) {
        this(ctx, incoming, sipMedia, room, permit, null);
    }

    /** A call without a room: the keypad IVR answers it and asks for the PIN. */
    GatewaySession(GatewayContext ctx, IncomingCall incoming, NegotiatedMedia sipMedia, IvrSetup ivr,
            CallLimits.Permit permit) {
        this(ctx, incoming, sipMedia, null, permit, ivr);
    }

    private GatewaySession(GatewayContext ctx, IncomingCall incoming, NegotiatedMedia sipMedia, RoomTarget room,
            CallLimits.Permit permit, IvrSetup ivr) {
        this.ctx = ctx;
        this.incoming = incoming;
        this.sip = incoming.call();
        this.sipMedia = sipMedia;
        this.room = room;
        this.permit = permit;
        this.caller = CallerName.of(incoming.from());
        this.events = new SerialExecutor(ctx.events(), id);
        this.keypad = ivr == null ? null : new KeypadCall(id, ivr, permit, this::later, new KeypadHost());
    }

    @Override
    public String id() {
        return id;
    }

    public CallState state() {
        return state;
    }

    @Override
    public CallInfo info() {
        final BridgeMedia b = bridge;
        final MediaSession media = b == null ? null : b.session();
        return new CallInfo(id, CallInfo.Direction.INBOUND, caller, room == null ? "" : room.roomJid(),
                sipMedia.codec().name(), state, started, media == null ? null : media.stats());
    }

    /** Rings the phone and joins the room (or answers it for the keypad IVR); the rest follows from events. */
    void start() {
        events.execute(() -> {
            LOG.info("{}: {} calls into {} (SIP Call-ID {})", id, caller, room == null ? "the keypad IVR" : room,
                    sip.callId());
            ctx.registry().add(this);
            sip.setListener(new SipEvents());
            if (keypad != null) {
                answerForKeypad();
                return;
            }
            move(CallState.JOINING);
            incoming.ringing();
            bridge = BridgeMedia.answering(ctx.media(), MediaMapping.sipLeg(sipMedia), new MediaEvents());
            joinRoom();
        });
    }

    /** Joins {@link #room} with a new participant and waits for the focus's offer. */
    private void joinRoom() {
        final ParticipantSpec spec = new ParticipantSpec(room.roomJid(), room.password().orElse(""), caller,
                ctx.config().maskDigits(), null, Map.of(), false, false);
        participant = new ConferenceParticipant(ctx.config().xmpp(), spec, bridge, new ConferenceEvents());
        joining = participant.join();
        joining.whenComplete((occupant, failure) -> {
            if (failure == null) {
                events.execute(() -> joined(occupant));
            } // a failure also arrives as ConferenceListener.ended, which ends the call
        });
        final long timeout = ctx.config().offerTimeout().toMillis();
        offerTimer = ctx.timers().schedule(() -> events.execute(this::offerTimedOut), timeout, TimeUnit.MILLISECONDS);
    }

    /** Ends the call from our side (admin, unload, shutdown). */
    @Override
    public void hangup(String reason) {
        events.execute(() -> end(CallEnding.local(reason)));
    }

    /** No room yet: answer with the phone's media only, and let the keypad IVR ask for the PIN. */
    private void answerForKeypad() {
        try {
            bridge = BridgeMedia.keypadFirst(ctx.media(), MediaMapping.sipLeg(sipMedia), new MediaEvents());
        } catch (java.io.IOException | RuntimeException e) {
            end(new CallEnding(503, "no media for the keypad IVR: " + e.getMessage(), false));
            return;
        }
        move(CallState.IVR);
        incoming.answer(localMedia(bridge.session()));
        answered = true;
        keypad.start(bridge.session());
    }

    private void keypadDigit(char digit) {
        if (keypad != null && state == CallState.IVR) {
            keypad.digit(digit);
        }
    }

    /** A failed join the keypad IVR can mend (the room wants its password): back to the IVR. */
    private boolean backToKeypad() {
        if (keypad == null || state != CallState.JOINING || !keypad.roomWantsPassword(joining)) {
            return false;
        }
        cancelOfferTimer();
        participant.close(); // it has ended already; this waits for its thread to finish
        participant = null;
        move(CallState.IVR);
        keypad.askPassword(room);
        return true;
    }

    /** Runs {@code task} on this call's executor after {@code delay}; the result cancels it. */
    private Runnable later(java.time.Duration delay, Runnable task) {
        final ScheduledFuture<?> timer = ctx.timers().schedule(() -> events.execute(task), delay.toMillis(),
                TimeUnit.MILLISECONDS);
        return () -> timer.cancel(false);
    }

    private void joined(String occupant) {
        if (state == CallState.JOINING) {
            LOG.info("{}: joined {} as {}", id, room.roomJid(), occupant);
            move(CallState.WAITING_FOR_OFFER);
        }
    }

    private void offerAccepted() {
        if (state.isOver()) {
            return;
        }
        cancelOfferTimer();
        final MediaSession media = bridge.session();
        if (answered) {
            answer(); // the keypad IVR answered the phone, and its media runs already
        } else if (ctx.config().earlyMedia()) {
            // RFC 3261 section 13.3.1.1: 183 with our answer lets the caller hear the meeting before the 200
            incoming.progress(localMedia(media));
            media.start();
        } else {
            media.start();
            answer();
        }
    }

    private void bridgeConnected() {
        if (ctx.config().earlyMedia() && !answered && !state.isOver()) {
            answer();
        }
    }

    private void answer() {
        if (!answered) {
            incoming.answer(localMedia(bridge.session()));
            answered = true;
            ctx.statistics().setupTime(java.time.Duration.between(started, Instant.now()));
        }
        connected = true;
        move(CallState.CONNECTED);
        participant.setStatus(CallStatus.CONNECTED);
        LOG.info("{}: connected ({} on the phone side)", id, sipMedia.codec().name());
    }

    private LocalMedia localMedia(MediaSession media) {
        return new LocalMedia(ctx.config().sdpAddress(), media.sipLocalPort());
    }

    private void offerTimedOut() {
        if (state == CallState.JOINING || state == CallState.WAITING_FOR_OFFER) {
            end(new CallEnding(480, "The conference did not invite the gateway within "
                    + ctx.config().offerTimeout().toSeconds() + " s", false));
        }
    }

    private void phoneMediaChanged(NegotiatedMedia media) {
        final MediaSession session = bridge == null ? null : bridge.session();
        if (session == null || state.isOver()) {
            return;
        }
        if (media.heldByPeer() && state == CallState.CONNECTED) {
            session.setHold(true);
            move(CallState.ON_HOLD);
            LOG.info("{}: the phone put the call on hold", id);
        } else if (!media.heldByPeer()) {
            // RFC 3264 section 8.3.2: the re-INVITE may also move the media or change the codec
            session.renegotiateSip(MediaMapping.sipLeg(media));
            sipMedia = media;
            if (state == CallState.ON_HOLD) {
                session.setHold(false);
                move(CallState.CONNECTED);
                LOG.info("{}: the phone resumed the call", id);
            }
        }
    }

    private void end(CallEnding ending) {
        if (state.isOver()) {
            return;
        }
        move(CallState.ENDING);
        cancelOfferTimer();
        if (keypad != null) {
            keypad.close();
        }
        if (!ending.sipDone()) {
            if (answered) {
                sip.hangup(ending.reason());
            } else {
                incoming.reject(ending.sipStatus(), ending.reason());
            }
        }
        final MediaSession media = bridge == null ? null : bridge.session();
        ctx.statistics().ended(CallInfo.Direction.INBOUND, connected, media == null ? null : media.stats());
        ctx.registry().remove(this); // counted as finished from here on; the legs close below
        if (participant != null) {
            participant.close();
        }
        if (bridge != null) {
            bridge.release();
        }
        permit.close();
        move(CallState.ENDED);
        LOG.info("{}: ended after {} s: {}", id, java.time.Duration.between(started, Instant.now()).toSeconds(),
                ending.reason());
    }

    private void move(CallState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException(id + ": " + state + " -> " + target + " is not a valid transition");
        }
        state = target;
    }

    private void cancelOfferTimer() {
        if (offerTimer != null) {
            offerTimer.cancel(false);
            offerTimer = null;
        }
    }

    private final class ConferenceEvents implements ConferenceListener {
        @Override
        public void offerAccepted(MediaOffer offer) {
            events.execute(GatewaySession.this::offerAccepted);
        }

        @Override
        public void dtmf(char digit, int durationMillis) {
            events.execute(() -> {
                final MediaSession media = bridge == null ? null : bridge.session();
                if (media != null) {
                    media.sendDtmfToSip(digit, durationMillis);
                }
            });
        }

        @Override
        public void ended(EndReason reason, String text) {
            events.execute(() -> {
                if (!backToKeypad()) {
                    end(CallEnding.fromConference(reason, text));
                }
            });
        }
    }

    private final class KeypadHost implements KeypadCall.Host {
        @Override
        public void join(RoomTarget target) {
            if (state == CallState.IVR) {
                room = target;
                move(CallState.JOINING);
                joinRoom();
            }
        }

        @Override
        public void hangUp(String reason) {
            end(CallEnding.local(reason));
        }
    }

    private final class SipEvents implements SipCallListener {
        @Override
        public void onMediaChanged(NegotiatedMedia media) {
            events.execute(() -> phoneMediaChanged(media));
        }

        @Override
        public void onDtmf(char digit, int durationMs) {
            events.execute(() -> keypadDigit(digit));
        }

        @Override
        public void onEnded(CallEnd end) {
            events.execute(() -> end(CallEnding.phoneHungUp(end.reason())));
        }
    }

    private final class MediaEvents implements MediaListener {
        @Override
        public void onBridgeConnected() {
            events.execute(GatewaySession.this::bridgeConnected);
        }

        @Override
        public void onRtpTimeout(MediaSide side) {
            final String why = side == MediaSide.SIP ? "no audio from the phone" : "no audio from the conference bridge";
            events.execute(() -> end(CallEnding.local(why + " for " + ctx.media().config().rtpTimeout().toSeconds() + " s")));
        }

        @Override
        public void onTransportFailed(String reason) {
            events.execute(() -> end(CallEnding.local("media to the conference failed: " + reason)));
        }

        @Override
        public void onDtmfFromSip(char digit, int durationMillis) {
            events.execute(() -> keypadDigit(digit));
        }
    }
}
