package org.sipgateway.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipgateway.sip.sdp.AudioCodec;

class SipConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SipConfig c = SipConfig.builder().build();
        assertEquals("127.0.0.1", c.address());
        assertEquals(5060, c.port());
        assertEquals(5061, c.tlsPort());
        assertEquals(Set.of(Transport.UDP, Transport.TCP), c.transports());
        assertEquals(List.of(AudioCodec.OPUS, AudioCodec.G722, AudioCodec.PCMU, AudioCodec.PCMA), c.codecs());
        assertEquals(1800, c.sessionExpiresSeconds());
        assertEquals(90, c.minSessionExpiresSeconds());
        assertEquals(60, c.inviteTimeoutSeconds());
        assertEquals("127.0.0.1", c.advertisedAddress());
        assertEquals("203.0.113.5", SipConfig.builder().publicAddress("203.0.113.5").build().advertisedAddress());
    }

    @Test
    void badValuesNameTheirProperty() {
        assertMessage("sipgateway.sip.transports", () -> SipConfig.builder().transports("udp,sctp"));
        assertMessage("sipgateway.sip.trusted-peers", () -> SipConfig.builder().trustedPeers("10.0.0.0/8, pbx.example.com"));
        assertMessage("sipgateway.sip.codecs", () -> SipConfig.builder().codecs("PCMU,G729"));
        assertMessage("sipgateway.sip.port", () -> SipConfig.builder().port(70000).build());
        assertMessage("sipgateway.sip.tls.keystore", () -> SipConfig.builder().transports("tls").build());
        assertMessage("sipgateway.sip.account.registrar", () -> SipAccount.of("gw", "pw", ""));
        assertMessage("sipgateway.sip.session-expires", () -> SipConfig.builder().sessionExpiresSeconds(60).build());
    }

    @Test
    void accountDerivesAddressOfRecordAndHidesPassword() {
        SipAccount a = SipAccount.of("gw", "secret", "sip.example.com:5080");
        assertEquals("sip:gw@sip.example.com:5080", a.addressOfRecord());
        assertEquals("sips:gw@sip.example.com:5080", a.withTransport(Transport.TLS).addressOfRecord());
        assertTrue(!a.toString().contains("secret"), a.toString());
    }

    private static void assertMessage(String property, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(property), ex.getMessage());
    }
}
