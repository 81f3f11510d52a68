package org.sipgateway.plugin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipgateway.sip.auth.Cidr;

class ClientAddressTest {
    private static final List<Cidr> PROXIES = Cidr.parseList("127.0.0.1/32, 10.0.0.0/8");

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() {
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", "198.51.100.1", List.of()));
        assertEquals("192.0.2.7", ClientAddress.of("192.0.2.7", "198.51.100.1", PROXIES), "the peer is no proxy");
    }

    @Test
    void behindTrustedProxiesTheRightmostOtherHopIsTheClient() {
        assertEquals("198.51.100.1", ClientAddress.of("127.0.0.1", "198.51.100.1", PROXIES));
        assertEquals("198.51.100.1", ClientAddress.of("127.0.0.1", "203.0.113.66, 198.51.100.1", PROXIES),
                "entries left of the proxy's are the client's own claims");
        assertEquals("198.51.100.1", ClientAddress.of("127.0.0.1", "198.51.100.1, 10.1.2.3", PROXIES),
                "a chain of proxies");
        assertEquals("2001:db8::7", ClientAddress.of("127.0.0.1", "2001:db8::7", PROXIES));
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", null, PROXIES), "no header: the proxy itself");
        assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", "10.0.0.1", PROXIES), "only proxies");
        assertEquals("unknown", ClientAddress.of("127.0.0.1", "unknown", PROXIES), "junk is a client of its own");
    }
}
