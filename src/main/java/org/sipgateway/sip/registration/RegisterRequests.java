package org.sipgateway.sip.registration;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.Transport;
import org.sipgateway.sip.stack.SipContext;

/** Builds the REGISTER and keepalive OPTIONS of one account; one Call-ID for all REGISTERs (RFC 3261 10.2). */
final class RegisterRequests {

    private final SipContext ctx;
    private final SipAccount account;
    private final CallIdHeader callId;
    private final String fromTag = SipContext.newTag();
    private long cseq;
    private boolean proxyAuth;

    RegisterRequests(SipContext ctx, SipAccount account) {
        this.ctx = ctx;
        this.account = account;
        this.callId = ctx.provider().getNewCallId();
    }

    /** The registrar's URI: {@code sip:host[:port]} (RFC 3261 section 10.2: no user part). */
    String registrarUri() {
        Transport t = ctx.usable(account.transport());
        return switch (t) {
            case TLS -> "sips:" + account.registrar();
            case TCP -> "sip:" + account.registrar() + ";transport=tcp";
            case UDP -> "sip:" + account.registrar();
        };
    }

    void proxyAuth(boolean proxy) {
        proxyAuth = proxy;
    }

    int contactPort() {
        return ctx.listeningPoints().get(ctx.usable(account.transport())).getPort();
    }

    Request register(int expires, Optional<String> authorization) throws Exception {
        Request r = request(Request.REGISTER, CallIdHeader.class.cast(callId.clone()));
        ContactHeader contact = ctx.contact(account.username(), account.transport());
        r.addHeader(contact);
        r.addHeader(ctx.headers().createExpiresHeader(expires));
        if (authorization.isPresent()) {
            r.addHeader(ctx.header(proxyAuth ? "Proxy-Authorization" : "Authorization", authorization.get()));
        }
        return r;
    }

    /** Out-of-dialog OPTIONS to the registrar: a keepalive that also refreshes NAT bindings. */
    Request options() throws Exception {
        return request(Request.OPTIONS, ctx.provider().getNewCallId());
    }

    private Request request(String method, CallIdHeader id) throws ParseException, javax.sip.InvalidArgumentException {
        SipURI uri = (SipURI) ctx.addresses().createURI(registrarUri());
        var aor = ctx.address(account.addressOfRecord());
        long seq = Request.REGISTER.equals(method) ? ++cseq : 1;
        Request r = ctx.messages().createRequest(uri, method, id, ctx.headers().createCSeqHeader(seq, method),
                ctx.headers().createFromHeader(aor, Request.REGISTER.equals(method) ? fromTag : SipContext.newTag()),
                ctx.headers().createToHeader(aor, null), List.<ViaHeader>of(ctx.via(account.transport())),
                ctx.headers().createMaxForwardsHeader(70));
        for (var h : ctx.standardHeaders()) {
            r.addHeader(h);
        }
        String proxy = ctx.config().outboundProxy();
        if (proxy != null && !proxy.isBlank()) {
            r.addHeader(ctx.headers().createRouteHeader(ctx.address("<sip:" + proxy.replaceFirst("^sips?:", "") + ";lr>")));
        }
        return r;
    }
}
