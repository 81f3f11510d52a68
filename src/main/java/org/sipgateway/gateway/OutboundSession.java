package org.sipgateway.gateway;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sipgateway.conference.CallStatus;
import org.sipgateway.conference.ConferenceListener;
import org.sipgateway.conference.ConferenceParticipant;
import org.sipgateway.conference.MediaOffer;
import org.sipgateway.conference.OccupantRole;
import org.sipgateway.conference.ParticipantSpec;
import org.sipgateway.gateway.DialOutFailure.Kind;
import org.sipgateway.gateway.DialOutRequest.RequesterMust;
import org.sipgateway.media.MediaListener;
import org.sipgateway.media.MediaSession;
import org.sipgateway.media.MediaSide;
import org.sipgateway.sip.SipService;
import org.sipgateway.sip.call.CallEnd;
import org.sipgateway.sip.call.SipCall;
import org.sipgateway.sip.call.SipCallListener;
import org.sipgateway.sip.sdp.LocalMedia;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.sip.stack.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dial-out. The participant joins the room first, so the meeting sees the call's progress in its presence,
 * and accepts the focus's offer at once, so ICE and DTLS with the bridge are up while the phone rings; then the
 * INVITE goes out and the phone's answer makes the SIP side of the media live. One serial executor per call, as
 * for dial-in; every way out ends both legs with a reason.
 */
final class OutboundSession implements LiveCall {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundSession.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** How long a failure ("busy", "No answer") stays visible in Meet before the participant leaves. */
    static final Duration FAILURE_SHOWN = Duration.ofSeconds(4);

    private final String id = "dialout-" + IDS.incrementAndGet();
    private final GatewayContext ctx;
    private final SipService sip;
    private final DialOutRequest request;
    private final String roomJid;
    private final CallLimits.Permit permit;
    private final DialOutQuota quota;
    private final Runnable onEnded;
    private final Executor events;
    private final Instant started = Instant.now();
    private final CompletableFuture<String> ref = new CompletableFuture<>();
    private final ParticipantSpec spec;
    private volatile CallState state = CallState.INCOMING;
    private volatile NegotiatedMedia sipMedia;
    private ConferenceParticipant participant;
    private BridgeMedia media;
    private SipCall sipCall;
    private ScheduledFuture<?> offerTimer;
    private ScheduledFuture<?> failureTimer;
    private boolean offered;
    private boolean answered;

    OutboundSession(GatewayContext ctx, SipService sip, DialOutRequest request, String roomJid, CallLimits.Permit permit,
            DialOutQuota quota, Runnable onEnded) {
        this.ctx = ctx;
        this.sip = sip;
        this.request = request;
        this.roomJid = roomJid;
        this.permit = permit;
        this.quota = quota;
        this.onEnded = onEnded;
        this.events = new SerialExecutor(ctx.events(), id);
        this.spec = new ParticipantSpec(roomJid, request.roomPassword(), request.displayName(), ctx.config().maskDigits(),
                null, Map.of(), false, true);
    }

    @Override
    public String id() {
        return id;
    }

    /** Our MUC nick, which is also the last part of the Rayo ref. */
    String endpointId() {
        return spec.endpointId();
    }

    /** Completes with our occupant JID once we are in the room and the requester passed its check. */
    CompletableFuture<String> ref() {
        return ref;
    }

    @Override
    public CallInfo info() {
        final NegotiatedMedia m = sipMedia;
        final BridgeMedia b = media;
        final MediaSession session = b == null ? null : b.session();
        return new CallInfo(id, CallInfo.Direction.OUTBOUND, request.target().canonical(), roomJid, m == null ? "-" : m.codec().name(),
                state, started, session == null ? null : session.stats());
    }

    void start() {
        events.execute(() -> {
            LOG.info("{}: dialling {} into {} for {}", id, request.target(), roomJid,
                    request.requester().isEmpty() ? "the focus" : request.requester());
            ctx.registry().add(this);
            move(CallState.JOINING);
            try {
                media = BridgeMedia.ringing(ctx.media(), DialOutRules.mixCodec(request.target(),
                        MediaMapping.codec(sip.config().codecs().get(0).name())), new MediaEvents());
            } catch (IOException e) {
                refuse(Kind.UNAVAILABLE, "no media for the call: " + e.getMessage());
                return;
            }
            try {
                participant = new ConferenceParticipant(ctx.config().xmpp(), spec, media, new ConferenceEvents());
            } catch (RuntimeException | LinkageError e) {
                LOG.error("{}: cannot create the conference participant", id, e);
                refuse(Kind.UNAVAILABLE, "the gateway cannot join conferences: " + e);
                return;
            }
            participant.join().whenComplete((occupant, failure) -> events.execute(() -> {
                if (failure == null) {
                    joined(occupant);
                } else if (request.requesterMust() != RequesterMust.NOTHING && DialOutRules.tellsAboutTheRoom(failure)) {
                    refuse(Kind.FORBIDDEN, DialOutRules.unseen(request, roomJid), failure.getMessage());
                } else {
                    refuse(DialOutRules.kindOf(failure), failure.getMessage());
                }
            }));
        });
    }

    @Override
    public void hangup(String reason) {
        events.execute(() -> end(CallEnding.local(reason)));
    }

    /** A Rayo hangup addressed to the call control component; the sender's place is looked up in the room. */
    boolean hangupFrom(String from) {
        final ConferenceParticipant p = participant;
        final OccupantRole role = p == null ? OccupantRole.ABSENT : p.roleOf(DialOutRules.bare(from));
        return mayHangUp(from, role);
    }

    private boolean mayHangUp(String from, OccupantRole role) {
        final boolean allowed = DialOutRules.mayHangUp(request, from, role);
        if (allowed) {
            events.execute(() -> end(CallEnding.local("hung up from the conference by " + from)));
        } else {
            LOG.info("{}: hangup from {} ({}) refused", id, from, role);
        }
        return allowed;
    }

    private void joined(String occupant) {
        if (state != CallState.JOINING) {
            return;
        }
        final DialOutRules.Refusal refusal = DialOutRules.requesterRefusal(request, roomJid,
                request.requesterMust() == RequesterMust.NOTHING ? OccupantRole.ABSENT
                        : participant.roleOf(DialOutRules.bare(request.requester())));
        if (refusal != null) {
            refuse(Kind.FORBIDDEN, refusal.answer(), refusal.log());
            return;
        }
        // the hourly limits count only dials whose requester passed (a stranger's dials cost nobody's allowance)
        final Optional<String> limited = quota.take();
        if (limited.isPresent()) {
            refuse(Kind.LIMITED, limited.get());
            return;
        }
        LOG.info("{}: joined {} as {}; calling {}", id, roomJid, occupant, request.target());
        ref.complete(occupant);
        participant.setStatus(DialOutStatus.CALLING);
        move(CallState.DIALING);
        final long timeout = ctx.config().offerTimeout().toMillis();
        offerTimer = ctx.timers().schedule(() -> events.execute(this::offerTimedOut), timeout, TimeUnit.MILLISECONDS);
        try {
            sipCall = sip.dial(request.target().parsed(), Map.of(ctx.config().rooms().roomHeader(), roomJid),
                    new LocalMedia(ctx.config().sdpAddress(), media.sipPort()), new SipEvents(), request.outboundProxy());
        } catch (IllegalArgumentException | IllegalStateException e) {
            showFailure("Cannot dial: " + CallEnding.shorten(e.getMessage()));
        }
    }

    /** The dial cannot go on: the requester hears why (the Rayo error), the participant leaves, nothing is dialled. */
    private void refuse(Kind kind, String reason) {
        refuse(kind, reason, reason);
    }

    /** As above, where the log may say more than the requester is told ({@code answer}). */
    private void refuse(Kind kind, String answer, String log) {
        LOG.info("{}: dial-out to {} refused: {}", id, request.target(), log);
        releaseLimits(); // before the requester hears the refusal: it may dial again at once
        ref.completeExceptionally(new DialOutFailure(kind, answer));
        end(new CallEnding(0, log, true));
    }

    private void offerTimedOut() {
        if (!offered && !state.isOver()) {
            end(CallEnding.local("The conference did not invite the gateway within "
                    + ctx.config().offerTimeout().toSeconds() + " s"));
        }
    }

    private void ringing(NegotiatedMedia early) {
        quota.rang();
        if (state == CallState.DIALING) {
            move(CallState.RINGING);
            participant.setStatus(DialOutStatus.RINGING);
        }
        if (early != null && !state.isOver()) {
            phoneMedia(early); // RFC 3261 section 13.2.1: early media (ringback, announcements) reaches the meeting
        }
    }

    private void answered(NegotiatedMedia m) {
        if (state.isOver() || failureTimer != null) {
            return;
        }
        quota.rang();
        phoneMedia(m);
        answered = true;
        ctx.statistics().setupTime(Duration.between(started, Instant.now()));
        move(CallState.CONNECTED);
        participant.setStatus(CallStatus.CONNECTED);
        LOG.info("{}: {} answered ({} on the phone side)", id, request.target(), m.codec().name());
    }

    private void phoneMedia(NegotiatedMedia m) {
        sipMedia = m;
        try {
            media.phoneAnswered(MediaMapping.sipLeg(m));
        } catch (IllegalArgumentException e) {
            end(CallEnding.local("the phone's media cannot be bridged: " + e.getMessage()));
        }
    }

    private void phoneMediaChanged(NegotiatedMedia m) {
        final MediaSession session = media == null ? null : media.session();
        if (session == null || state.isOver()) {
            return;
        }
        if (m.heldByPeer() && state == CallState.CONNECTED) {
            session.setHold(true);
            move(CallState.ON_HOLD);
            LOG.info("{}: the phone put the call on hold", id);
            return;
        }
        if (!m.heldByPeer()) {
            phoneMedia(m);
            session.setHold(false);
            if (state == CallState.ON_HOLD) {
                move(CallState.CONNECTED);
                LOG.info("{}: the phone resumed the call", id);
            }
        }
    }

    private void phoneEnded(CallEnd end) {
        if (state.isOver()) {
            return;
        }
        if (answered) {
            end(CallEnding.phoneHungUp(end.reason()));
        } else if (failureTimer == null) {
            showFailure(DialOutStatus.failure(end));
        }
    }

    /** The phone side failed before an answer: Meet shows why for a moment, then the participant leaves. */
    private void showFailure(String status) {
        if (state.isOver() || failureTimer != null) {
            return;
        }
        LOG.info("{}: dial-out to {} failed: {}", id, request.target(), status);
        cancel(offerTimer);
        participant.setStatus(status);
        failureTimer = ctx.timers().schedule(() -> events.execute(() -> end(new CallEnding(0, status, true))),
                FAILURE_SHOWN.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void end(CallEnding ending) {
        if (state.isOver()) {
            return;
        }
        move(CallState.ENDING);
        cancel(offerTimer);
        cancel(failureTimer);
        releaseLimits(); // before anyone sees the participant leave: a new dial may follow at once
        if (!ref.isDone()) {
            ref.completeExceptionally(new DialOutFailure(Kind.UNAVAILABLE, ending.reason()));
        }
        if (sipCall != null && !ending.sipDone()) {
            sipCall.hangup(ending.reason()); // CANCEL while it rings, BYE once answered
        }
        final MediaSession session = media == null ? null : media.session();
        ctx.statistics().ended(CallInfo.Direction.OUTBOUND, answered, session == null ? null : session.stats());
        ctx.registry().remove(this);
        if (participant != null) {
            participant.close();
        }
        if (media != null) {
            media.close();
        }
        onEnded.run();
        move(CallState.ENDED);
        LOG.info("{}: ended after {} s: {}", id, Duration.between(started, Instant.now()).toSeconds(), ending.reason());
    }

    /** The gateway's call limit and call control's quota (idempotent: both may be given back twice). */
    private void releaseLimits() {
        permit.close();
        quota.close();
    }

    private void move(CallState target) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException(id + ": " + state + " -> " + target + " is not a valid transition");
        }
        state = target;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private final class ConferenceEvents implements ConferenceListener {
        @Override
        public void offerAccepted(MediaOffer offer) {
            events.execute(() -> {
                offered = true;
                cancel(offerTimer);
            });
        }

        @Override
        public void dtmf(char digit, int durationMillis) {
            events.execute(() -> {
                final MediaSession session = media == null ? null : media.session();
                if (session != null && answered) {
                    session.sendDtmfToSip(digit, durationMillis);
                }
            });
        }

        @Override
        public boolean hangupRequested(String from, OccupantRole role) {
            return mayHangUp(from, role);
        }

        @Override
        public void ended(EndReason reason, String text) {
            events.execute(() -> end(CallEnding.fromConference(reason, text)));
        }
    }

    private final class SipEvents implements SipCallListener {
        @Override
        public void onProgress(int status, String reason, Optional<NegotiatedMedia> earlyMedia) {
            events.execute(() -> ringing(earlyMedia.orElse(null)));
        }

        @Override
        public void onAnswered(NegotiatedMedia m) {
            events.execute(() -> answered(m));
        }

        @Override
        public void onMediaChanged(NegotiatedMedia m) {
            events.execute(() -> phoneMediaChanged(m));
        }

        @Override
        public void onEnded(CallEnd end) {
            events.execute(() -> phoneEnded(end));
        }
    }

    private final class MediaEvents implements MediaListener {
        @Override
        public void onRtpTimeout(MediaSide side) {
            final String why = side == MediaSide.SIP ? "no audio from the phone"
                    : "no audio from the conference bridge";
            events.execute(() -> end(CallEnding.local(why + " for " + ctx.media().config().rtpTimeout().toSeconds() + " s")));
        }

        @Override
        public void onTransportFailed(String reason) {
            events.execute(() -> end(CallEnding.local("media to the conference failed: " + reason)));
        }
    }
}
