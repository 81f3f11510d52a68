package org.sipgateway.sip.call;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.sdp.MediaDirection;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.sip.sdp.NoCommonCodecException;
import org.sipgateway.sip.sdp.SdpParser;
import org.sipgateway.sip.stack.SipContext;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Requests the peer sends inside a call's dialog: ACK, BYE, INFO, re-INVITE and UPDATE. */
public final class DialogRequests {

    private static final Logger LOG = LoggerFactory.getLogger(DialogRequests.class);

    private final SipContext ctx;
    private final CallRegistry registry;

    public DialogRequests(SipContext ctx, CallRegistry registry) {
        this.ctx = ctx;
        this.registry = registry;
    }

    /** Whether an INVITE belongs to an existing dialog (it has a To tag: RFC 3261 section 12.2.2). */
    public static boolean inDialog(Request r) {
        return ((ToHeader) r.getHeader(ToHeader.NAME)).getTag() != null;
    }

    /** The ACK of our 2xx; for a late offer it carries the SDP answer (RFC 3264 section 4). */
    public void onAck(RequestEvent event) {
        SipCall call = callOf(event.getRequest());
        if (call == null || !call.answerExpectedInAck) {
            return;
        }
        call.answerExpectedInAck = false;
        Request ack = event.getRequest();
        call.executor.execute(() -> {
            try {
                NegotiatedMedia m = ctx.negotiator().acceptAnswer(SdpParser.parse(SipMessages.body(ack).orElse("")));
                boolean first = call.media == null;
                call.media = m;
                call.fire(l -> {
                    if (first) {
                        l.onAnswered(m);
                    } else {
                        l.onMediaChanged(m);
                    }
                });
            } catch (Exception e) {
                // RFC 3261 section 13.3.1.4: unusable answer in ACK -> terminate with BYE
                String why = "ACK without usable SDP answer: " + e.getMessage();
                call.sendBye(why);
                call.end(new CallEnd(CallEnd.Cause.FAILED, 488, why));
            }
        });
    }

    public void onBye(RequestEvent event) throws Exception {
        SipCall call = callOf(event.getRequest());
        respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
        if (call != null) {
            String reason = SipMessages.value(event.getRequest(), "Reason").orElse("BYE");
            call.end(new CallEnd(CallEnd.Cause.REMOTE_HANGUP, Response.OK, reason));
        }
    }

    /** INFO: DTMF relay bodies become digits; other bodies are accepted and ignored. */
    public void onInfo(RequestEvent event) throws Exception {
        SipCall call = callOf(event.getRequest());
        respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
        if (call == null) {
            return;
        }
        DtmfInfo.parse(event.getRequest()).ifPresent(d -> call.fire(l -> l.onDtmf(d.digit(), d.durationMs())));
    }

    /** re-INVITE or UPDATE: new offer (hold, unhold, codec change) and/or session refresh. */
    public void onOffer(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        SipCall call = callOf(request);
        if (call == null || call.state() != CallState.ESTABLISHED) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        ServerTransaction st = transaction(event);
        Response ok = SipMessages.response(ctx, request, Response.OK, null);
        ok.addHeader(ctx.contact("gateway", ctx.transportOf(request)));
        NegotiatedMedia changed = null;
        if (SipMessages.hasSdp(request)) {
            try {
                changed = ctx.negotiator().answerOffer(SdpParser.parse(SipMessages.body(request).orElseThrow()));
                SipMessages.setSdp(ctx, ok, call.sdp.answer(call.localMedia, changed));
            } catch (NoCommonCodecException | org.sipgateway.sip.sdp.InvalidSdpException e) {
                // RFC 3261 section 14.2: a refused re-INVITE leaves the session as it was
                st.sendResponse(SipMessages.response(ctx, request, Response.NOT_ACCEPTABLE_HERE, e.getMessage()));
                return;
            }
        } else if (Request.INVITE.equals(request.getMethod()) && call.localMedia != null) {
            // offerless re-INVITE: we offer in the 2xx, the ACK answers (RFC 3261 section 14.2)
            SipMessages.setSdp(ctx, ok, call.sdp.offer(call.localMedia, ctx.negotiator().preference(),
                    MediaDirection.SENDRECV));
            call.answerExpectedInAck = true;
        }
        call.sessionTimer.refreshedByPeer(request, ok);
        st.sendResponse(ok);
        if (changed != null && !changed.equals(call.media)) {
            NegotiatedMedia m = changed;
            call.media = m;
            LOG.info("call {}: media changed by {}: {} {} {}", call.callId(), request.getMethod(),
                    m.codec().name(), m.direction().attribute(), m.heldByPeer() ? "(held)" : "");
            call.fire(l -> l.onMediaChanged(m));
        }
    }

    private SipCall callOf(Request r) {
        return registry.get(((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId());
    }

    private ServerTransaction transaction(RequestEvent event) throws Exception {
        return event.getServerTransaction() != null ? event.getServerTransaction()
                : ctx.provider().getNewServerTransaction(event.getRequest());
    }

    private void respond(RequestEvent event, int status, String reason) throws Exception {
        Response r = SipMessages.response(ctx, event.getRequest(), status, reason);
        if (event.getServerTransaction() != null) {
            event.getServerTransaction().sendResponse(r);
        } else {
            ctx.provider().sendResponse(r);
        }
    }
}
