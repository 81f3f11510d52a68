package org.sipgateway.callcontrol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class HandshakeTest {
    @Test
    void digestIsTheXep0114Example() {
        // XEP-0114 section 3: stream id 3BF96D32; the example's digest is that of the secret "test"
        assertEquals("aaee83c26aeeafcbabeabfcbcd50df997e0a2a1e", Handshake.digest("3BF96D32", "test"));
    }

    @Test
    void digestIsLowerCaseHexOfUtf8() {
        final String digest = Handshake.digest("id1", "s\u00e4cret");
        assertEquals(40, digest.length());
        assertEquals(digest.toLowerCase(java.util.Locale.ROOT), digest);
        assertNotEquals(digest, Handshake.digest("id1", "sacret"));
        assertNotEquals(Handshake.digest("id1", "secret"), Handshake.digest("id2", "secret"), "the stream id counts");
    }
}
