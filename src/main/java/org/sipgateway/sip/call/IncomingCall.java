package org.sipgateway.sip.call;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.Transport;
import org.sipgateway.sip.sdp.LocalMedia;
import org.sipgateway.sip.sdp.MediaDirection;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An inbound INVITE waiting for the gateway's decision. It has already been trusted, answered
 * with 100 Trying and (when it had an offer) negotiated; the gateway rings, answers or rejects.
 */
public final class IncomingCall {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingCall.class);

    private final SipCall call;
    private final ServerTransaction transaction;
    private final Request invite;
    private final InetSocketAddress source;
    private final NegotiatedMedia offered;
    private final String localTag;
    private final Transport transport;
    private boolean finalSent;

    IncomingCall(SipCall call, ServerTransaction transaction, InetSocketAddress source, NegotiatedMedia offered,
                 String localTag, Transport transport) {
        this.transport = transport;
        this.call = call;
        this.transaction = transaction;
        this.invite = transaction.getRequest();
        this.source = source;
        this.offered = offered;
        this.localTag = localTag;
    }

    /** The call this INVITE becomes; set a listener on it to hear about CANCEL before answering. */
    public SipCall call() {
        return call;
    }

    public String from() {
        return SipMessages.value(invite, "From").orElse("");
    }

    /** The caller's user part, e.g. {@code +4930123456} of {@code sip:+4930123456@trunk}, or "" when none. */
    public String fromUser() {
        return userOf(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI());
    }

    /** The caller's display name, or "" when none. */
    public String fromDisplayName() {
        String name = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getDisplayName();
        return name == null ? "" : name;
    }

    /** The Request-URI's user part (a room name or a number dialled), or "" when none. */
    public String requestUser() {
        return userOf(invite.getRequestURI());
    }

    private static String userOf(javax.sip.address.URI uri) {
        return uri instanceof javax.sip.address.SipURI s && s.getUser() != null ? s.getUser() : "";
    }

    public String to() {
        return SipMessages.value(invite, "To").orElse("");
    }

    public String requestUri() {
        return invite.getRequestURI().toString();
    }

    /** Every header of the INVITE by name, e.g. {@code Jitsi-Conference-Room}. */
    public Map<String, List<String>> headers() {
        return SipMessages.all(invite);
    }

    public Optional<String> header(String name) {
        return SipMessages.value(invite, name);
    }

    /** The SDP offer as received; empty for a late-offer INVITE (RFC 3261 section 13.2.1). */
    public Optional<String> offerSdp() {
        return SipMessages.hasSdp(invite) ? SipMessages.body(invite) : Optional.empty();
    }

    /** What answering the offer will use (codec, remote RTP address...); empty for a late offer. */
    public Optional<NegotiatedMedia> offeredMedia() {
        return Optional.ofNullable(offered);
    }

    /** Where the INVITE came from (the previous hop: a proxy or the phone). */
    public InetSocketAddress source() {
        return source;
    }

    /** 180 Ringing. */
    public void ringing() {
        call.executor.execute(() -> provisional(Response.RINGING, null));
    }

    /** 183 Session Progress with our answer, so the caller hears early media. */
    public void progress(LocalMedia local) {
        call.executor.execute(() -> provisional(Response.SESSION_PROGRESS, local));
    }

    /** 200 OK with the SDP answer (or, for a late offer, our offer; the ACK then brings the answer). */
    public void answer(LocalMedia local) {
        call.executor.execute(() -> {
            if (!open("answer")) {
                return;
            }
            try {
                Response ok = response(Response.OK, null);
                String body = offered != null ? call.sdp.answer(local, offered)
                        : call.sdp.offer(local, call.ctx.negotiator().preference(), MediaDirection.SENDRECV);
                SipMessages.setSdp(call.ctx, ok, body);
                call.sessionTimer.answerAsUas(invite, ok);
                call.localMedia = local;
                call.answerExpectedInAck = offered == null;
                transaction.sendResponse(ok);
                finalSent = true;
                call.established(transaction.getDialog(), offered);
            } catch (Exception e) {
                LOG.warn("call {}: cannot send 200 OK: {}", call.callId(), e.toString());
                finalSent = true;
                try {
                    transaction.sendResponse(response(Response.SERVER_INTERNAL_ERROR, "cannot answer: " + e.getMessage()));
                } catch (Exception again) {
                    LOG.debug("call {}: 500 not sent either: {}", call.callId(), again.toString());
                }
                call.end(new CallEnd(CallEnd.Cause.FAILED, 500, "cannot answer: " + e.getMessage()));
            }
        });
    }

    /** A final error response, e.g. 486 Busy Here or 404 with "unknown room 'x'". */
    public void reject(int status, String reason) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("reject needs a 3xx-6xx status, got " + status);
        }
        call.executor.execute(() -> rejectNow(status, reason, CallEnd.Cause.LOCAL_HANGUP));
    }

    /**
     * Refuses the call and says when to come back: Retry-After (RFC 3261 section 20.33), which a proxy
     * reads with a 503 to try another gateway meanwhile.
     */
    public void rejectRetryAfter(int status, String reason, int retryAfterSeconds) {
        if (status < 300 || status > 699 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("reject needs a 3xx-6xx status and a delay >= 0");
        }
        call.executor.execute(() -> {
            if (!open("reject")) {
                return;
            }
            finalSent = true;
            try {
                final Response r = response(status, reason);
                r.addHeader(call.ctx.headers().createRetryAfterHeader(retryAfterSeconds));
                transaction.sendResponse(r);
            } catch (Exception e) {
                LOG.warn("call {}: cannot send {}: {}", call.callId(), status, e.toString());
            }
            call.end(new CallEnd(CallEnd.Cause.LOCAL_HANGUP, status, reason));
        });
    }

    /** On the call's executor: the final error response and the end of the call. */
    void rejectNow(int status, String reason, CallEnd.Cause cause) {
        if (!open("reject")) {
            return;
        }
        finalSent = true;
        try {
            transaction.sendResponse(response(status, reason));
        } catch (Exception e) {
            LOG.warn("call {}: cannot send {}: {}", call.callId(), status, e.toString());
        }
        call.end(new CallEnd(cause, status, reason));
    }

    /** Nobody answered in time: 480 so the caller does not wait forever (RFC 3261 section 13.3.1.1). */
    void expireUnanswered(int seconds) {
        call.executor.execute(() -> {
            if (!finalSent && call.state() != CallState.ENDED) {
                LOG.info("call {}: not answered within {} s, 480", call.callId(), seconds);
                reject(Response.TEMPORARILY_UNAVAILABLE, "not answered within " + seconds + " s");
            }
        });
    }

    /** The caller sent CANCEL: 487 for the INVITE (RFC 3261 section 9.2). */
    void cancelled() {
        call.executor.execute(() -> {
            if (finalSent) {
                return;
            }
            finalSent = true;
            try {
                transaction.sendResponse(response(Response.REQUEST_TERMINATED, null));
            } catch (Exception e) {
                LOG.debug("call {}: 487 not sent: {}", call.callId(), e.toString());
            }
            call.end(new CallEnd(CallEnd.Cause.CANCELLED, Response.REQUEST_TERMINATED, "caller cancelled"));
        });
    }

    private void provisional(int status, LocalMedia local) {
        if (!open(status == Response.RINGING ? "ringing" : "progress")) {
            return;
        }
        try {
            Response r = response(status, null);
            if (local != null && offered != null) {
                SipMessages.setSdp(call.ctx, r, call.sdp.answer(local, offered));
                call.localMedia = local;
            }
            transaction.sendResponse(r);
            call.setState(CallState.EARLY);
        } catch (Exception e) {
            LOG.warn("call {}: cannot send {}: {}", call.callId(), status, e.toString());
        }
    }

    private boolean open(String action) {
        if (finalSent || call.state() == CallState.ENDED) {
            LOG.warn("call {}: {} ignored, INVITE already has a final response", call.callId(), action);
            return false;
        }
        return true;
    }

    private Response response(int status, String reason) throws java.text.ParseException {
        Response r = SipMessages.response(call.ctx, invite, status, reason);
        ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(localTag);
        if (status < 300) {
            r.addHeader(call.ctx.contact("gateway", transport));
            call.ctx.allow().forEach(r::addHeader);
        }
        return r;
    }
}
