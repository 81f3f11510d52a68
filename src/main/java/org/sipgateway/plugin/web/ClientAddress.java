package org.sipgateway.plugin.web;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.sipgateway.sip.auth.Cidr;

/**
 * The address a public request came from, for rate limiting. Behind a reverse proxy every request comes from the
 * proxy, so when the peer is one of {@code sipgateway.http.trusted-proxies} the client is the rightmost
 * X-Forwarded-For entry that is not a trusted proxy itself: entries further left were written by the client and
 * prove nothing.
 */
final class ClientAddress {
    private static final int MAX_HOPS = 20;

    private ClientAddress() {
    }

    static String of(String remoteAddress, String forwardedFor, List<Cidr> trustedProxies) {
        if (trustedProxies.isEmpty() || forwardedFor == null || !trusted(remoteAddress, trustedProxies)) {
            return remoteAddress;
        }
        final String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= Math.max(0, hops.length - MAX_HOPS); i--) {
            final String hop = hops[i].trim();
            if (!trusted(hop, trustedProxies)) {
                return hop.isEmpty() ? remoteAddress : hop;
            }
        }
        return remoteAddress; // only proxies: the request started at one of them
    }

    private static boolean trusted(String address, List<Cidr> trustedProxies) {
        final Optional<InetAddress> parsed = literal(address);
        return parsed.isPresent() && trustedProxies.stream().anyMatch(c -> c.contains(parsed.get()));
    }

    /** An IPv4 or IPv6 literal (never a DNS name: that would make a lookup per request). */
    private static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(InetAddress.getByAddress(Cidr.parse(text).network()));
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
