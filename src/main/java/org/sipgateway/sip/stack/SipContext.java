package org.sipgateway.sip.stack;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.Transport;
import org.sipgateway.sip.auth.InboundPolicy;
import org.sipgateway.sip.sdp.SdpNegotiator;

/**
 * What calls and registrations of one {@code SipService} share: the provider and factories of its
 * jain-sip stack, its timer and event threads, the inbound policy and the codec negotiator.
 */
public record SipContext(SipConfig config, SipProvider provider, Map<Transport, ListeningPoint> listeningPoints,
                         AddressFactory addresses, HeaderFactory headers, MessageFactory messages,
                         ScheduledExecutorService timers, ExecutorService events, InboundPolicy policy,
                         SdpNegotiator negotiator, String name) {

    /** Header names we accept methods for; sent in Allow (RFC 3261 section 20.5). */
    public static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE";

    /** A transport we listen on, preferring the asked one, else the first configured. */
    public Transport usable(Transport wanted) {
        if (wanted != null && listeningPoints.containsKey(wanted)) {
            return wanted;
        }
        return listeningPoints.keySet().stream().sorted().findFirst().orElseThrow();
    }

    /** The transport a request arrived on (its top Via), for the Contact of our answer. */
    public Transport transportOf(javax.sip.message.Request r) {
        ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
        try {
            return usable(Transport.valueOf(via.getTransport().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return usable(null);
        }
    }

    /** Our Via for a new request, with rport so replies come back through NAT (RFC 3581 section 3). */
    public ViaHeader via(Transport transport) throws ParseException {
        try {
            ListeningPoint lp = listeningPoints.get(usable(transport));
            ViaHeader via = headers.createViaHeader(config.advertisedAddress(), lp.getPort(), lp.getTransport(), null);
            via.setRPort();
            return via;
        } catch (javax.sip.InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    /** {@code <sip:user@advertised:port;transport=x>} for Contact (sips: over TLS). */
    public ContactHeader contact(String user, Transport transport) throws ParseException {
        Transport t = usable(transport);
        SipURI uri = addresses.createSipURI(user, config.advertisedAddress());
        uri.setPort(listeningPoints.get(t).getPort());
        if (t == Transport.TLS) {
            uri.setSecure(true);
        } else {
            uri.setTransportParam(t.token());
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    public Address address(String uri) throws ParseException {
        return addresses.createAddress(uri);
    }

    public Header header(String name, String value) throws ParseException {
        return headers.createHeader(name, value);
    }

    /** User-Agent and one Allow header per method we accept. */
    public List<Header> standardHeaders() throws ParseException {
        List<Header> list = new java.util.ArrayList<>(allow());
        list.add(headers.createHeader("User-Agent", config.userAgent()));
        return list;
    }

    /** Allow headers for the methods in {@link #ALLOW} (RFC 3261 section 20.5). */
    public List<Header> allow() throws ParseException {
        List<Header> list = new java.util.ArrayList<>();
        for (String m : ALLOW.split(", ")) {
            list.add(headers.createAllowHeader(m));
        }
        return list;
    }

    /** A fresh From/To tag (RFC 3261 section 19.3: at least 32 bits of randomness). */
    public static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }
}
