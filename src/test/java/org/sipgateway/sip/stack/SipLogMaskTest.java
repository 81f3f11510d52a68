package org.sipgateway.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SipLogMaskTest {
    private static final String REGISTER = "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
            + "Authorization: Digest username=\"gw\",realm=\"127.0.0.1\",nonce=\"abc\",uri=\"sip:127.0.0.1\","
            + "response=\"6629fae49393a05397450978507c4ef1\",algorithm=MD5,cnonce=\"c1\",qop=auth,nc=00000001\r\n"
            + "proxy-authorization: digest username=\"gw\", response=0123abcd , realm=\"r\"\r\n"
            + "Jitsi-Conference-Room: standup\r\n"
            + "Jitsi-Conference-Room-Pass: 1234\r\n"
            + "jitsi-auth-token: eyJhbGciOi.payload.sig\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void digestResponsesAndRoomSecretsAreMaskedTheRestStays() {
        final String masked = SipLogMask.mask(REGISTER);
        for (String secret : new String[] {"6629fae49393a05397450978507c4ef1", "0123abcd", "1234", "eyJhbGciOi"}) {
            assertFalse(masked.contains(secret), secret + " in " + masked);
        }
        assertTrue(masked.contains("Authorization: Digest username=\"gw\",realm=\"127.0.0.1\",nonce=\"abc\","
                + "uri=\"sip:127.0.0.1\",response=\"***\",algorithm=MD5"), masked);
        assertTrue(masked.contains("proxy-authorization: digest username=\"gw\", response=\"***\" , realm=\"r\""),
                masked);
        assertTrue(masked.contains("Jitsi-Conference-Room: standup\r\n"), "the room itself is no secret");
        assertTrue(masked.contains("Jitsi-Conference-Room-Pass: ***\r\n") && masked.contains("jitsi-auth-token: ***\r\n"));
        assertEquals(REGISTER.replace("\"6629fae49393a05397450978507c4ef1\"", "\"***\"")
                .replace("response=0123abcd", "response=\"***\"").replace("Pass: 1234", "Pass: ***")
                .replace("token: eyJhbGciOi.payload.sig", "token: ***"), masked, "only the secrets changed");
    }

    @Test
    void otherSchemesLoseTheirWholeCredentials() {
        assertEquals("Authorization: ***\r\n", SipLogMask.mask("Authorization: Basic Z3c6Z3dwdw==\r\n"));
        assertEquals("Proxy-Authorization: ***", SipLogMask.mask("Proxy-Authorization: Bearer abc.def"));
    }

    @Test
    void anExceptionKeepsItsStackTraceButNotTheSecret() {
        final IllegalStateException error = new IllegalStateException("bad header: Jitsi-Conference-Room-Pass: 1234");
        final Throwable masked = SipLogMask.mask(error);
        assertFalse(masked.getMessage().contains("1234"), masked.getMessage());
        assertEquals(error.getStackTrace().length, masked.getStackTrace().length);
    }
}
