package org.sipgateway.sip.call;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.Transport;
import org.sipgateway.sip.sdp.LocalMedia;
import org.sipgateway.sip.sdp.MediaDirection;
import org.sipgateway.sip.stack.SipContext;
import org.sipgateway.sip.stack.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts outbound calls: target to Request-URI, From of the account, outbound proxy Route, SDP offer. */
public final class Dialer {

    private static final Logger LOG = LoggerFactory.getLogger(Dialer.class);

    private final SipContext ctx;
    private final CallRegistry registry;

    public Dialer(SipContext ctx, CallRegistry registry) {
        this.ctx = ctx;
        this.registry = registry;
    }

    /**
     * Sends an INVITE and returns the call at once; its listener hears progress, answer or failure.
     *
     * @param target       a SIP URI, {@code user@host}, or a number (becomes {@code sip:NUMBER@<proxy or domain>})
     * @param extraHeaders added to the INVITE as given, e.g. {@code Jitsi-Conference-Room}
     * @param local        where our RTP listens (goes into the SDP offer)
     */
    public SipCall dial(String target, Map<String, String> extraHeaders, LocalMedia local, SipCallListener listener) {
        return dial(target, extraHeaders, local, listener, null);
    }

    /** As above, through {@code outboundProxy} ({@code host[:port]} or a SIP URI) instead of the configured one when given. */
    public SipCall dial(String target, Map<String, String> extraHeaders, LocalMedia local, SipCallListener listener,
            String outboundProxy) {
        SipAccount account = ctx.config().accounts().isEmpty() ? null : ctx.config().accounts().get(0);
        String proxy = proxy(outboundProxy);
        String targetUri = targetUri(target, account, proxy);
        try {
            URI uri = ctx.addresses().createURI(targetUri);
            if (!(uri instanceof SipURI sipUri)) {
                throw new IllegalArgumentException("dial target is not a SIP URI: '" + target + "'");
            }
            return invite(sipUri, account, proxy, extraHeaders, local, listener);
        } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot dial '" + target + "': " + e.getMessage(), e);
        }
    }

    /**
     * A dial-out's target, parsed once ({@link DialTarget}): a SIP URI is dialled as the URI rebuilt from its parts, the
     * same text the allow-list saw; a number becomes {@code sip:NUMBER@<proxy or account domain>}.
     */
    public SipCall dial(DialTarget target, Map<String, String> extraHeaders, LocalMedia local, SipCallListener listener,
            String outboundProxy) {
        SipAccount account = ctx.config().accounts().isEmpty() ? null : ctx.config().accounts().get(0);
        String proxy = proxy(outboundProxy);
        try {
            SipURI uri = target.isNumber() ? numberUri(target.canonical(), account, proxy)
                    : target.requestUri(ctx.addresses());
            return invite(uri, account, proxy, extraHeaders, local, listener);
        } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot dial '" + target + "': " + e.getMessage(), e);
        }
    }

    private String proxy(String outboundProxy) {
        return outboundProxy != null && !outboundProxy.isBlank() ? outboundProxy : ctx.config().outboundProxy();
    }

    /** A number's Request-URI, built from parts: a '#' in the user part is escaped by jain-sip (RFC 3261 section 25.1). */
    private SipURI numberUri(String number, SipAccount account, String proxy) throws java.text.ParseException {
        SipURI domainUri = (SipURI) ctx.addresses().createURI(numberDestination(number, account, proxy));
        SipURI uri = ctx.addresses().createSipURI(number, domainUri.getHost());
        uri.setSecure(domainUri.isSecure());
        if (domainUri.getPort() > 0) {
            uri.setPort(domainUri.getPort());
        }
        if (domainUri.getTransportParam() != null) {
            uri.setTransportParam(domainUri.getTransportParam());
        }
        return uri;
    }

    private SipCall invite(SipURI sipUri, SipAccount account, String proxy, Map<String, String> extraHeaders,
            LocalMedia local, SipCallListener listener) throws java.text.ParseException, javax.sip.InvalidArgumentException {
        String targetUri = sipUri.toString();
        Transport transport = transportOf(sipUri, account);
        CallIdHeader callId = ctx.provider().getNewCallId();
        String fromUri = account != null ? account.addressOfRecord()
                : "sip:gateway@" + ctx.config().advertisedAddress();
        Request invite = ctx.messages().createRequest(sipUri, Request.INVITE, callId,
                ctx.headers().createCSeqHeader(1L, Request.INVITE),
                ctx.headers().createFromHeader(ctx.address(fromUri), SipContext.newTag()),
                ctx.headers().createToHeader(ctx.addresses().createAddress((SipURI) sipUri.clone()), null),
                List.<ViaHeader>of(ctx.via(transport)), ctx.headers().createMaxForwardsHeader(70));
        invite.addHeader(ctx.contact(account != null ? account.username() : "gateway", transport));
        if (proxy != null && !proxy.isBlank()) {
            // loose routing through the proxy (RFC 3261 section 16.12.1.1)
            invite.addHeader(ctx.headers().createRouteHeader(ctx.address("<sip:" + proxy.replaceFirst("^sips?:", "")
                    + ";lr>")));
        }
        for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
            invite.addHeader(ctx.header(h.getKey(), SipMessages.sanitize(h.getValue())));
        }
        for (var h : ctx.standardHeaders()) {
            invite.addHeader(h);
        }
        SipCall call = new SipCall(ctx, registry, callId.getCallId(), SipCall.Direction.OUTBOUND, targetUri);
        call.setListener(listener);
        call.localMedia = local;
        call.sessionTimer.offerAsUac(invite);
        SipMessages.setSdp(ctx, invite, call.sdp.offer(local, ctx.negotiator().preference(), MediaDirection.SENDRECV));
        OutgoingInvite out = new OutgoingInvite(call, invite, account);
        call.outgoing = out;
        registry.add(call);
        LOG.info("dialing {} (call {})", targetUri, call.callId());
        call.executor.execute(out::send);
        return call;
    }

    /** RFC 3261 section 19.1.1: numbers become the user part at the proxy's or account's domain. */
    static String targetUri(String target, SipAccount account, String proxy) {
        String t = target.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("dial target is empty");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            return t;
        }
        if (t.contains("@")) {
            return "sip:" + t;
        }
        String user = t.replaceAll("[\\s().-]", "");
        String destination = numberDestination(t, account, proxy);
        int colon = destination.indexOf(':');
        return destination.substring(0, colon + 1) + user + "@" + destination.substring(colon + 1);
    }

    /** Where numbers go, without the number: {@code sip:<proxy>}, or the account's domain (TLS or TCP as it registers). */
    static String numberDestination(String number, SipAccount account, String proxy) {
        String domain = proxy != null && !proxy.isBlank() ? proxy.replaceFirst("^sips?:", "").split(";")[0]
                : account != null ? account.aorDomain() : null;
        if (domain == null) {
            throw new IllegalArgumentException("cannot dial number '" + number
                    + "': no sipgateway.sip.outbound-proxy and no account registrar to send it to");
        }
        boolean direct = proxy == null || proxy.isBlank();
        if (account != null && account.transport() == Transport.TLS && direct) {
            return "sips:" + domain; // RFC 3261 section 26.2.2: TLS all the way
        }
        String uri = "sip:" + domain;
        if (account != null && account.transport() == Transport.TCP && direct) {
            uri += ";transport=tcp";
        }
        return uri;
    }

    private Transport transportOf(SipURI uri, SipAccount account) {
        if (uri.isSecure()) {
            return Transport.TLS;
        }
        String param = uri.getTransportParam();
        if (param != null) {
            try {
                return ctx.usable(Transport.valueOf(param.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dial target has an unknown transport '" + param + "': " + uri, e);
            }
        }
        return ctx.usable(account != null ? account.transport() : Transport.UDP);
    }
}
