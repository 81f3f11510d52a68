package org.sipgateway.sip.call;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.auth.DigestChallenge;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.sip.sdp.SdpParser;
import org.sipgateway.sip.stack.ClientTransactionHandler;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client side of our initial INVITE: digest retry on 401/407, provisional responses, ACK of the 2xx,
 * CANCEL on abandon (RFC 3261 section 9.1) and the no-answer timer.
 */
final class OutgoingInvite implements ClientTransactionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingInvite.class);
    private static final int MAX_AUTH_ATTEMPTS = 2;

    private final SipCall call;
    private final SipAccount account;
    private Request request;
    private ClientTransaction transaction;
    private int authAttempts;
    private String lastNonce;
    private boolean provisionalSeen;
    private boolean cancelWanted;
    private ScheduledFuture<?> noAnswer;

    OutgoingInvite(SipCall call, Request invite, SipAccount account) {
        this.call = call;
        this.request = invite;
        this.account = account;
    }

    /** Sends the INVITE and arms the no-answer timer. */
    void send() {
        int seconds = call.ctx.config().inviteTimeoutSeconds();
        noAnswer = call.ctx.timers().schedule(() -> call.executor.execute(() -> {
            if (call.state() != CallState.ESTABLISHED && call.state() != CallState.ENDED) {
                cancelWanted = true;
                sendCancel();
                call.end(new CallEnd(CallEnd.Cause.NO_ANSWER, Response.REQUEST_TIMEOUT,
                        "no answer within " + seconds + " s"));
            }
        }), seconds, TimeUnit.SECONDS);
        transmit();
    }

    private void transmit() {
        try {
            transaction = call.ctx.provider().getNewClientTransaction(request);
            transaction.setApplicationData(this);
            transaction.sendRequest();
        } catch (Exception e) {
            LOG.warn("call {}: INVITE to {} not sent: {}", call.callId(), call.remoteUri(), e.toString());
            finish(new CallEnd(CallEnd.Cause.FAILED, 503, "cannot send INVITE: " + e.getMessage()));
        }
    }

    /** Abandon before answer: CANCEL once a provisional arrived, else as soon as one does. */
    void cancel(String reason, CallEnd.Cause cause) {
        cancelWanted = true;
        if (provisionalSeen) {
            sendCancel();
        }
        finish(new CallEnd(cause, Response.REQUEST_TERMINATED, reason));
    }

    @Override
    public void onResponse(ResponseEvent event) {
        call.executor.execute(() -> handle(event));
    }

    @Override
    public void onTimeout(String why) {
        call.executor.execute(() -> finish(new CallEnd(CallEnd.Cause.FAILED, Response.REQUEST_TIMEOUT,
                "no response to INVITE from " + call.remoteUri() + ": " + why)));
    }

    private void handle(ResponseEvent event) {
        Response r = event.getResponse();
        int status = r.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        if (status < 200) {
            provisionalSeen = true;
            if (cancelWanted) {
                sendCancel();
                return;
            }
            call.setState(CallState.EARLY);
            Optional<NegotiatedMedia> early = negotiate(r);
            call.fire(l -> l.onProgress(status, r.getReasonPhrase(), early));
        } else if (status < 300) {
            confirm(event);
        } else if ((status == 401 || status == 407) && retryWithCredentials(r)) {
            LOG.debug("call {}: {} answered with credentials", call.callId(), status);
        } else if (status == 422 && call.sessionTimer.retryAfter422(request, r)) {
            resend();
        } else {
            CallEnd.Cause cause = cancelWanted ? CallEnd.Cause.LOCAL_HANGUP : CallEnd.Cause.REJECTED;
            finish(new CallEnd(cause, status, status + " " + r.getReasonPhrase()));
        }
    }

    private void confirm(ResponseEvent event) {
        Response r = event.getResponse();
        Dialog dialog = event.getDialog() != null ? event.getDialog() : event.getClientTransaction().getDialog();
        if (dialog == null) {
            LOG.warn("call {}: 2xx without dialog ignored", call.callId());
            return;
        }
        try {
            long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (Exception e) {
            LOG.warn("call {}: ACK not sent: {}", call.callId(), e.toString());
        }
        if (call.state() == CallState.ESTABLISHED) {
            return; // retransmitted 2xx, ACK repeated above (RFC 3261 section 13.2.2.4)
        }
        cancelNoAnswer();
        call.dialog = dialog;
        if (call.state() == CallState.ENDED || cancelWanted) {
            call.sendBye("call abandoned before answer"); // 2xx crossed our CANCEL (RFC 3261 section 15)
            return;
        }
        Optional<NegotiatedMedia> media = negotiate(r);
        if (media.isEmpty()) {
            call.sendBye("no usable SDP answer");
            finish(new CallEnd(CallEnd.Cause.FAILED, 488, "2xx from " + call.remoteUri() + " has no usable SDP answer"));
            return;
        }
        call.sessionTimer.answeredAsUac(r);
        call.established(dialog, media.get());
    }

    private Optional<NegotiatedMedia> negotiate(Response r) {
        if (!SipMessages.hasSdp(r)) {
            return Optional.empty();
        }
        try {
            NegotiatedMedia m = call.ctx.negotiator().acceptAnswer(SdpParser.parse(SipMessages.body(r).orElseThrow()));
            call.media = m;
            return Optional.of(m);
        } catch (Exception e) {
            LOG.warn("call {}: SDP in {} unusable: {}", call.callId(), r.getStatusCode(), e.getMessage());
            return Optional.empty();
        }
    }

    private boolean retryWithCredentials(Response r) {
        if (account == null || authAttempts >= MAX_AUTH_ATTEMPTS) {
            return false;
        }
        boolean proxy = r.getStatusCode() == 407;
        List<String> values = SipMessages.values(r, proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        Optional<DigestChallenge> challenge = DigestChallenge.choose(values);
        if (challenge.isEmpty() || (challenge.get().nonce().equals(lastNonce) && !challenge.get().stale())) {
            return false; // same nonce again: the credentials are wrong (RFC 3261 section 22.2)
        }
        authAttempts++;
        lastNonce = challenge.get().nonce();
        try {
            request.removeHeader(proxy ? "Proxy-Authorization" : "Authorization");
            request.addHeader(call.ctx.header(proxy ? "Proxy-Authorization" : "Authorization",
                    challenge.get().authorize(account.username(), account.password(), Request.INVITE,
                            request.getRequestURI().toString(), 1)));
            resend();
            return true;
        } catch (Exception e) {
            LOG.warn("call {}: cannot add credentials: {}", call.callId(), e.toString());
            return false;
        }
    }

    /** Same INVITE, next CSeq, new branch (RFC 3261 section 8.1.3.5). */
    private void resend() {
        try {
            request = (Request) request.clone();
            CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            ((ViaHeader) request.getHeader(ViaHeader.NAME)).removeParameter("branch");
            transmit();
        } catch (Exception e) {
            finish(new CallEnd(CallEnd.Cause.FAILED, 500, "cannot resend INVITE: " + e.getMessage()));
        }
    }

    private void sendCancel() {
        try {
            if (transaction != null) {
                call.ctx.provider().getNewClientTransaction(transaction.createCancel()).sendRequest();
            }
        } catch (Exception e) {
            LOG.debug("call {}: CANCEL not sent: {}", call.callId(), e.toString());
        }
    }

    private void cancelNoAnswer() {
        if (noAnswer != null) {
            noAnswer.cancel(false);
        }
    }

    private void finish(CallEnd end) {
        cancelNoAnswer();
        call.end(end);
    }
}
