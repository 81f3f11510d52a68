package org.sipgateway.sip.call;

import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.sip.sdp.SdpParser;
import org.sipgateway.sip.stack.ClientTransactionHandler;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Responses to requests we send inside a dialog: BYE, INFO, and session refresh re-INVITE/UPDATE. */
final class InDialogResponses implements ClientTransactionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InDialogResponses.class);

    private final SipCall call;
    private final String method;

    InDialogResponses(SipCall call, String method) {
        this.call = call;
        this.method = method;
    }

    @Override
    public void onResponse(ResponseEvent event) {
        call.executor.execute(() -> handle(event));
    }

    @Override
    public void onTimeout(String why) {
        call.executor.execute(() -> failed(Response.REQUEST_TIMEOUT, method + " timed out: " + why));
    }

    private void handle(ResponseEvent event) {
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status < 200) {
            return;
        }
        if (Request.INVITE.equals(method) && status < 300) {
            ack(event.getDialog() != null ? event.getDialog() : call.dialog, r);
            mediaFromAnswer(r);
        }
        if (status < 300) {
            if (Request.INVITE.equals(method) || Request.UPDATE.equals(method)) {
                call.sessionTimer.refreshAnswered(r);
            }
        } else if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
            // RFC 3261 section 12.2.1.2: 481/408 end the dialog
            failed(status, method + " answered " + status + " " + r.getReasonPhrase());
        } else {
            LOG.info("call {}: {} answered {} {}", call.callId(), method, status, r.getReasonPhrase());
            if (Request.INVITE.equals(method) || Request.UPDATE.equals(method)) {
                // 491 glare: retry after a random 2.1-4 s (RFC 3261 section 14.1); other errors keep the session
                call.sessionTimer.retryRefresh(status == Response.REQUEST_PENDING);
            }
        }
    }

    private void ack(Dialog dialog, Response r) {
        try {
            long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (Exception e) {
            LOG.warn("call {}: ACK for re-INVITE not sent: {}", call.callId(), e.toString());
        }
    }

    private void mediaFromAnswer(Response r) {
        if (!SipMessages.hasSdp(r)) {
            return;
        }
        try {
            NegotiatedMedia m = call.ctx.negotiator().acceptAnswer(SdpParser.parse(SipMessages.body(r).orElseThrow()));
            if (!m.equals(call.media)) {
                call.media = m;
                call.fire(l -> l.onMediaChanged(m));
            }
        } catch (Exception e) {
            LOG.warn("call {}: re-INVITE answer unusable, media unchanged: {}", call.callId(), e.getMessage());
        }
    }

    private void failed(int status, String why) {
        if (Request.BYE.equals(method) || call.state() == CallState.ENDED) {
            return;
        }
        if (!Request.INFO.equals(method)) {
            call.sendBye(why); // RFC 4028 section 10: failed refresh ends the session
            call.end(new CallEnd(CallEnd.Cause.FAILED, status, why));
        } else {
            LOG.warn("call {}: {}", call.callId(), why);
        }
    }
}
