package org.sipgateway.sip.call;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.sdp.LocalMedia;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.sip.sdp.SdpBuilder;
import org.sipgateway.sip.stack.SerialExecutor;
import org.sipgateway.sip.stack.SipContext;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call (one INVITE dialog), inbound or outbound. The gateway hangs up, sends DTMF and listens to
 * events through {@link SipCallListener}; everything else (ACK, re-INVITE answers, session refresh)
 * is done here.
 */
public final class SipCall {

    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);

    /** Who sent the initial INVITE. */
    public enum Direction { INBOUND, OUTBOUND }

    final SipContext ctx;
    final SdpBuilder sdp = new SdpBuilder();
    final SerialExecutor executor;
    private final String callId;
    private final Direction direction;
    private final String remoteUri;
    private final CallRegistry registry;
    private final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
    private volatile SipCallListener listener = new SipCallListener() { };
    private volatile CallState state = CallState.INITIAL;
    volatile Dialog dialog;
    volatile NegotiatedMedia media;
    volatile LocalMedia localMedia;
    volatile boolean answerExpectedInAck;
    volatile SessionTimer sessionTimer;
    volatile OutgoingInvite outgoing;
    volatile IncomingCall incoming;

    SipCall(SipContext ctx, CallRegistry registry, String callId, Direction direction, String remoteUri) {
        this.ctx = ctx;
        this.registry = registry;
        this.callId = callId;
        this.direction = direction;
        this.remoteUri = remoteUri;
        this.executor = new SerialExecutor(ctx.events(), "call " + callId);
        this.sessionTimer = new SessionTimer(this);
    }

    public String callId() {
        return callId;
    }

    public Direction direction() {
        return direction;
    }

    /** The peer's URI (From of an inbound call, the target of an outbound one). */
    public String remoteUri() {
        return remoteUri;
    }

    public CallState state() {
        return state;
    }

    /** The media agreed most recently, if any. */
    public Optional<NegotiatedMedia> media() {
        return Optional.ofNullable(media);
    }

    /** Completes once with the end reason; handy for teardown code and tests. */
    public CompletableFuture<CallEnd> ended() {
        return ended;
    }

    public void setListener(SipCallListener l) {
        listener = l == null ? new SipCallListener() { } : l;
    }

    /**
     * Ends the call: BYE when established (RFC 3261 section 15), CANCEL for our unanswered INVITE
     * (section 9.1), 480 for an inbound call not answered yet.
     */
    public void hangup(String reason) {
        terminate(reason == null ? "hangup" : reason, CallEnd.Cause.LOCAL_HANGUP);
    }

    /** Hangs up with the given cause ({@code SHUTDOWN} when the service stops). */
    void terminate(String why, CallEnd.Cause cause) {
        executor.execute(() -> {
            switch (state) {
                case ENDED -> { }
                case ESTABLISHED -> {
                    sendBye(why);
                    end(new CallEnd(cause, 0, why));
                }
                default -> {
                    if (outgoing != null) {
                        outgoing.cancel(why, cause);
                    } else if (incoming != null) {
                        incoming.rejectNow(Response.TEMPORARILY_UNAVAILABLE, why, cause);
                    }
                }
            }
        });
    }

    /** Sends one digit as SIP INFO application/dtmf-relay (the de-facto format; no RFC). */
    public void sendDtmfInfo(char digit, int durationMs) {
        if ("0123456789*#ABCD".indexOf(Character.toUpperCase(digit)) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        executor.execute(() -> {
            if (state != CallState.ESTABLISHED) {
                LOG.warn("call {}: DTMF '{}' dropped, call is {}", callId, digit, state);
                return;
            }
            sendInDialog(Request.INFO, r -> {
                try {
                    r.setContent("Signal=" + digit + "\r\nDuration=" + durationMs + "\r\n",
                            ctx.headers().createContentTypeHeader("application", "dtmf-relay"));
                } catch (java.text.ParseException e) {
                    throw new IllegalStateException(e);
                }
            });
        });
    }

    void fire(Consumer<SipCallListener> event) {
        SipCallListener l = listener;
        executor.execute(() -> event.accept(l));
    }

    void setState(CallState s) {
        if (state != CallState.ENDED) {
            state = s;
        }
    }

    /** The dialog is confirmed with this media. */
    void established(Dialog d, NegotiatedMedia m) {
        dialog = d;
        media = m;
        setState(CallState.ESTABLISHED);
        outgoing = null;
        incoming = null;
        if (m != null) {
            fire(l -> l.onAnswered(m));
        }
        sessionTimer.start();
    }

    /** Sends an in-dialog request made by the dialog (RFC 3261 section 12.2.1.1); false when it failed. */
    boolean sendInDialog(String method, Consumer<Request> fill) {
        Dialog d = dialog;
        if (d == null || d.getState() == DialogState.TERMINATED) {
            return false;
        }
        try {
            Request r = d.createRequest(method);
            r.addHeader(ctx.header("User-Agent", ctx.config().userAgent()));
            fill.accept(r);
            ClientTransaction ct = ctx.provider().getNewClientTransaction(r);
            ct.setApplicationData(new InDialogResponses(this, method));
            d.sendRequest(ct);
            return true;
        } catch (Exception e) {
            LOG.warn("call {}: cannot send {}: {}", callId, method, e.toString());
            return false;
        }
    }

    /** BYE with a Reason header (RFC 3326 section 2). */
    void sendBye(String reason) {
        sendInDialog(Request.BYE, r -> {
            try {
                r.addHeader(ctx.header("Reason", "SIP;cause=200;text=\"" + SipMessages.sanitize(reason) + "\""));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Ends the call once: stops timers, forgets it, tells the listener. */
    void end(CallEnd end) {
        synchronized (this) {
            if (state == CallState.ENDED) {
                return;
            }
            state = CallState.ENDED;
        }
        sessionTimer.stop();
        registry.remove(this);
        LOG.info("call {} ({} {}) ended: {} {} {}", callId, direction, remoteUri, end.cause(), end.status(),
                end.reason());
        fire(l -> l.onEnded(end));
        executor.execute(() -> ended.complete(end));
    }

    @Override
    public String toString() {
        return "SipCall[" + callId + " " + direction + " " + remoteUri + " " + state + "]";
    }
}
