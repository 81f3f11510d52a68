package org.sipgateway.sip.call;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.Transport;
import org.sipgateway.sip.auth.InboundPolicy;
import org.sipgateway.sip.sdp.InvalidSdpException;
import org.sipgateway.sip.sdp.NegotiatedMedia;
import org.sipgateway.sip.sdp.NoCommonCodecException;
import org.sipgateway.sip.sdp.SdpParser;
import org.sipgateway.sip.stack.SipContext;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New inbound INVITEs (RFC 3261 section 13.3): trust check, 100 Trying, SDP negotiation, hand-off to
 * the {@link IncomingCallListener}; and CANCEL of those not answered yet.
 */
public final class InboundInvites {

    private static final Logger LOG = LoggerFactory.getLogger(InboundInvites.class);

    private final SipContext ctx;
    private final CallRegistry registry;
    private final Supplier<IncomingCallListener> listener;

    public InboundInvites(SipContext ctx, CallRegistry registry, Supplier<IncomingCallListener> listener) {
        this.ctx = ctx;
        this.registry = registry;
        this.listener = listener;
    }

    public void onInvite(RequestEvent event) throws Exception {
        Request invite = event.getRequest();
        InetAddress source = sourceOf(invite);
        String from = SipMessages.value(invite, FromHeader.NAME).orElse("?");
        if (!admitted(invite, source, from)) {
            return;
        }
        ServerTransaction st = event.getServerTransaction() != null ? event.getServerTransaction()
                : ctx.provider().getNewServerTransaction(invite);
        st.sendResponse(SipMessages.response(ctx, invite, Response.TRYING, null));
        NegotiatedMedia offered = null;
        if (SipMessages.hasSdp(invite)) {
            try {
                offered = ctx.negotiator().answerOffer(SdpParser.parse(SipMessages.body(invite).orElseThrow()));
            } catch (InvalidSdpException e) {
                refuse(st, Response.BAD_REQUEST, "Bad SDP: " + e.getMessage(), from);
                return;
            } catch (NoCommonCodecException e) {
                Response r = SipMessages.response(ctx, invite, Response.NOT_ACCEPTABLE_HERE, e.getMessage());
                // RFC 3261 section 20.43: warn-code 305 = incompatible media format
                r.addHeader(ctx.header("Warning", "305 " + ctx.config().advertisedAddress() + " \""
                        + SipMessages.sanitize(e.getMessage()) + "\""));
                LOG.info("INVITE from {} refused: 488 {}", from, e.getMessage());
                st.sendResponse(r);
                return;
            }
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        SipCall call = new SipCall(ctx, registry, callId, SipCall.Direction.INBOUND,
                ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
        var tooSmall = call.sessionTimer.tooSmall(invite);
        if (tooSmall.isPresent()) {
            Response r = SipMessages.response(ctx, invite, 422, "Session Interval Too Small");
            r.addHeader(ctx.header("Min-SE", String.valueOf(tooSmall.get()))); // RFC 4028 section 8.1
            st.sendResponse(r);
            return;
        }
        IncomingCallListener l = listener.get();
        if (l == null) {
            refuse(st, Response.TEMPORARILY_UNAVAILABLE, "gateway not accepting calls", from);
            return;
        }
        Transport transport = ctx.transportOf(invite);
        IncomingCall incoming = new IncomingCall(call, st, new InetSocketAddress(source, port(invite)), offered,
                SipContext.newTag(), transport);
        call.incoming = incoming;
        registry.add(call);
        LOG.info("INVITE {} from {} ({}), call {}", invite.getRequestURI(), from, source.getHostAddress(), callId);
        call.executor.execute(() -> l.onIncomingCall(incoming));
        int timeout = ctx.config().inviteTimeoutSeconds();
        ctx.timers().schedule(() -> incoming.expireUnanswered(timeout), timeout, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** CANCEL of a pending INVITE: 200 for the CANCEL, 487 for the INVITE (RFC 3261 section 9.2). */
    public void onCancel(RequestEvent event) throws Exception {
        Request cancel = event.getRequest();
        ServerTransaction st = event.getServerTransaction();
        String callId = ((CallIdHeader) cancel.getHeader(CallIdHeader.NAME)).getCallId();
        SipCall call = registry.get(callId);
        IncomingCall pending = call == null ? null : call.incoming;
        Response r = SipMessages.response(ctx, cancel, pending == null
                ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
        if (st != null) {
            st.sendResponse(r);
        } else {
            ctx.provider().sendResponse(r);
        }
        if (pending != null) {
            pending.cancelled();
        }
    }

    private boolean admitted(Request invite, InetAddress source, String from) throws Exception {
        String authorization = SipMessages.value(invite, "Authorization").orElse(null);
        InboundPolicy.Verdict verdict = ctx.policy().check(source, authorization, Request.INVITE);
        switch (verdict) {
            case ACCEPT -> {
                return true;
            }
            case CHALLENGE -> {
                Response r = SipMessages.response(ctx, invite, Response.UNAUTHORIZED, null);
                for (String c : ctx.policy().challenges()) {
                    r.addHeader(ctx.header("WWW-Authenticate", c));
                }
                ctx.provider().sendResponse(r); // stateless: no transaction state for strangers (RFC 3261 8.2.6)
                return false;
            }
            default -> {
                // same answer for unknown user, wrong password and rate limit: no hint (RFC 3261 section 26.3.2.4)
                if (verdict == InboundPolicy.Verdict.RATE_LIMITED) {
                    LOG.debug("INVITE from {} ({}) refused: 403 (rate limited)", from, source.getHostAddress());
                } else {
                    LOG.info("INVITE from {} ({}) refused: 403 ({})", from, source.getHostAddress(), verdict);
                }
                ctx.provider().sendResponse(SipMessages.response(ctx, invite, Response.FORBIDDEN, null));
                return false;
            }
        }
    }

    private void refuse(ServerTransaction st, int status, String reason, String from) throws Exception {
        LOG.info("INVITE from {} refused: {} {}", from, status, reason);
        st.sendResponse(SipMessages.response(ctx, st.getRequest(), status, reason));
    }

    static InetAddress sourceOf(Request r) {
        SIPMessage m = (SIPMessage) r;
        return m.getPeerPacketSourceAddress() != null ? m.getPeerPacketSourceAddress() : m.getRemoteAddress();
    }

    private static int port(Request r) {
        SIPMessage m = (SIPMessage) r;
        return m.getPeerPacketSourcePort() > 0 ? m.getPeerPacketSourcePort() : m.getRemotePort();
    }
}
