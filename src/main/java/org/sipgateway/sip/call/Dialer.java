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
        String proxy = outboundProxy != null && !outboundProxy.isBlank() ? outboundProxy : ctx.config().outboundProxy();
        String targetUri = targetUri(target, account, proxy);
        try {
            URI uri = ctx.addresses().createURI(targetUri);
            if (!(uri instanceof SipURI sipUri)) {
                throw new IllegalArgumentException("dial target is not a SIP URI: '" + target + "'");
            }
            Transport transport = transportOf(sipUri, account);
            CallIdHeader callId = ctx.provider().getNewCallId();
            String fromUri = account != null ? account.addressOfRecord()
                    : "sip:gateway@" + ctx.config().advertisedAddress();
            Request invite = ctx.messages().createRequest(sipUri, Request.INVITE, callId,
                    ctx.headers().createCSeqHeader(1L, Request.INVITE),
                    ctx.headers().createFromHeader(ctx.address(fromUri), SipContext.newTag()),
                    ctx.headers().createToHeader(ctx.address(targetUri), null),
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
        } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot dial '" + target + "': " + e.getMessage(), e);
        }
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
        String domain = proxy != null && !proxy.isBlank() ? proxy.replaceFirst("^sips?:", "").split(";")[0]
                : account != null ? account.aorDomain() : null;
        if (domain == null) {
            throw new IllegalArgumentException("cannot dial number '" + t
                    + "': no sipgateway.sip.outbound-proxy and no account registrar to send it to");
        }
        boolean direct = proxy == null || proxy.isBlank();
        if (account != null && account.transport() == Transport.TLS && direct) {
            return "sips:" + user + "@" + domain; // RFC 3261 section 26.2.2: TLS all the way
        }
        String uri = "sip:" + user + "@" + domain;
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
