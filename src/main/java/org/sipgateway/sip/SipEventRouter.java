package org.sipgateway.sip;

import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sipgateway.sip.call.DialogRequests;
import org.sipgateway.sip.call.InboundInvites;
import org.sipgateway.sip.stack.ClientTransactionHandler;
import org.sipgateway.sip.stack.SipContext;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jain-sip listener: one handler per method, responses to the owner of their client transaction.
 * Nothing thrown here reaches jain-sip: a bad request is answered and logged, other calls go on.
 */
final class SipEventRouter implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SipEventRouter.class);
    private static final Set<String> SUPPORTED_EXTENSIONS = Set.of("timer");

    private final SipContext ctx;
    private final InboundInvites invites;
    private final DialogRequests dialogs;

    SipEventRouter(SipContext ctx, InboundInvites invites, DialogRequests dialogs) {
        this.ctx = ctx;
        this.invites = invites;
        this.dialogs = dialogs;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request r = event.getRequest();
        try {
            switch (r.getMethod()) {
                case Request.INVITE -> {
                    if (unsupportedExtension(event)) {
                        return;
                    }
                    if (DialogRequests.inDialog(r)) {
                        dialogs.onOffer(event);
                    } else {
                        invites.onInvite(event);
                    }
                }
                case Request.ACK -> dialogs.onAck(event);
                case Request.BYE -> dialogs.onBye(event);
                case Request.CANCEL -> invites.onCancel(event);
                case Request.INFO -> dialogs.onInfo(event);
                case Request.UPDATE -> dialogs.onOffer(event);
                case Request.OPTIONS -> options(event);
                default -> {
                    Response resp = SipMessages.response(ctx, r, Response.METHOD_NOT_ALLOWED, null);
                    ctx.allow().forEach(resp::addHeader); // RFC 3261 section 8.2.1
                    ctx.provider().sendResponse(resp);
                }
            }
        } catch (Exception e) {
            LOG.warn("{} {} from {} failed: {}", r.getMethod(), r.getRequestURI(),
                    SipMessages.value(r, "From").orElse("?"), e.toString());
            answerError(event, e);
        }
    }

    /** OPTIONS: keepalive and capability query (RFC 3261 section 11.2). */
    private void options(RequestEvent event) throws Exception {
        Response ok = SipMessages.response(ctx, event.getRequest(), Response.OK, null);
        ctx.allow().forEach(ok::addHeader);
        ok.addHeader(ctx.header("Accept", "application/sdp"));
        ok.addHeader(ctx.header("Supported", "timer"));
        if (event.getServerTransaction() != null) {
            event.getServerTransaction().sendResponse(ok);
        } else {
            ctx.provider().sendResponse(ok);
        }
    }

    /** RFC 3261 section 8.2.2.3: 420 Bad Extension listing what we don't support. */
    private boolean unsupportedExtension(RequestEvent event) throws Exception {
        Request r = event.getRequest();
        StringBuilder unsupported = new StringBuilder();
        for (String v : SipMessages.values(r, "Require")) {
            for (String token : v.split(",")) {
                String t = token.strip();
                if (!t.isEmpty() && !SUPPORTED_EXTENSIONS.contains(t.toLowerCase(java.util.Locale.ROOT))) {
                    unsupported.append(unsupported.length() == 0 ? "" : ", ").append(t);
                }
            }
        }
        if (unsupported.length() == 0) {
            return false;
        }
        Response resp = SipMessages.response(ctx, r, Response.BAD_EXTENSION, "Bad Extension: " + unsupported);
        resp.addHeader(ctx.header("Unsupported", unsupported.toString()));
        ctx.provider().sendResponse(resp);
        return true;
    }

    private void answerError(RequestEvent event, Exception e) {
        Request r = event.getRequest();
        if (Request.ACK.equals(r.getMethod())) {
            return; // never answer an ACK (RFC 3261 section 17.2.1)
        }
        try {
            boolean bad = e instanceof java.text.ParseException || e instanceof IllegalArgumentException;
            Response resp = SipMessages.response(ctx, r, bad ? Response.BAD_REQUEST : Response.SERVER_INTERNAL_ERROR,
                    (bad ? "Bad Request: " : "Server Error: ") + e.getMessage());
            if (event.getServerTransaction() != null) {
                event.getServerTransaction().sendResponse(resp);
            } else {
                ctx.provider().sendResponse(resp);
            }
        } catch (Exception again) {
            LOG.debug("error response not sent: {}", again.toString());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (ct != null && ct.getApplicationData() instanceof ClientTransactionHandler h) {
            try {
                h.onResponse(event);
            } catch (RuntimeException e) {
                LOG.warn("response {} handling failed: {}", event.getResponse().getStatusCode(), e.toString(), e);
            }
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        if (!event.isServerTransaction() && ct != null && ct.getApplicationData() instanceof ClientTransactionHandler h) {
            h.onTimeout("transaction timeout (" + ct.getRequest().getMethod() + ")");
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.info("SIP transport error toward {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
