package org.sipgateway.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import javax.sip.SipFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.Transport;

class DialTargetAndDtmfTest {

    private static final SipAccount ACCOUNT = SipAccount.of("gw", "pw", "sip.example.com:5080");

    @Test
    void numbersGoToTheOutboundProxyElseTheAccountDomain() {
        assertEquals("sip:+4930123456@proxy.example.com",
                Dialer.targetUri("+49 (30) 123-456", ACCOUNT, "proxy.example.com"));
        assertEquals("sip:100@sip.example.com:5080", Dialer.targetUri("100", ACCOUNT, null));
        assertEquals("sip:100@sip.example.com:5080;transport=tcp",
                Dialer.targetUri("100", ACCOUNT.withTransport(Transport.TCP), ""));
        assertEquals("sips:100@sip.example.com:5080", Dialer.targetUri("100", ACCOUNT.withTransport(Transport.TLS), null));
        assertEquals("sip:bob@example.org", Dialer.targetUri("bob@example.org", null, null));
        assertEquals("sips:bob@example.org", Dialer.targetUri("sips:bob@example.org", ACCOUNT, "p"));
    }

    @Test
    void aNumberWithNowhereToGoIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dialer.targetUri("100", null, null));
        assertTrue(e.getMessage().contains("'100'") && e.getMessage().contains("outbound-proxy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dialer.targetUri(" ", ACCOUNT, null));
    }

    @Test
    void infoBodiesBecomeDigits() throws Exception {
        assertEquals(Optional.of(new DtmfInfo('5', 160)), DtmfInfo.parse(info("dtmf-relay", "Signal=5\r\nDuration=160\r\n")));
        assertEquals(Optional.of(new DtmfInfo('#', 250)), DtmfInfo.parse(info("dtmf-relay", "Signal= 11\r\n")));
        assertEquals(Optional.of(new DtmfInfo('*', 250)), DtmfInfo.parse(info("dtmf", "*")));
        assertEquals(Optional.empty(), DtmfInfo.parse(info("dtmf-relay", "Signal=X\r\n")));
        assertEquals(Optional.empty(), DtmfInfo.parse(info("json", "{}")));
    }

    private static Request info(String subtype, String body) throws Exception {
        String text = "INFO sip:gw@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:gw@127.0.0.1>;tag=2\r\nCall-ID: c1\r\n"
                + "CSeq: 2 INFO\r\nMax-Forwards: 70\r\nContent-Type: application/" + subtype + "\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        return f.createMessageFactory().createRequest(text);
    }
}
