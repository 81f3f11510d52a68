package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TlsPolicyTest {
    @Test
    void starttlsIsOptionalOnlyTowardLoopback() {
        for (String loopback : new String[] {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"}) {
            assertEquals(TlsPolicy.OPTIONAL, TlsPolicy.defaultFor(loopback), loopback);
        }
        for (String remote : new String[] {"meet.example.com", "192.0.2.10", "2001:db8::1", "127.0.0.1.example.com",
                "localhost.example.com", "", null}) {
            assertEquals(TlsPolicy.REQUIRED, TlsPolicy.defaultFor(remote), String.valueOf(remote));
        }
    }
}
