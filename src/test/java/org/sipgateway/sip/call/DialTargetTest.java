package org.sipgateway.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dial targets are parsed into parts and rebuilt; every form that could reach another host than it says is refused. */
class DialTargetTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "+49 (30) 123-456    | +4930123456",
        "0049 30 123.456     | +4930123456",
        "030/1234567         | 0301234567",
        "SIP:alice@PBX.Example.COM | sip:alice@pbx.example.com",
        "sips:Alice@pbx.example.com:5061 | sips:Alice@pbx.example.com:5061",
        "sip:+4930123@pbx.example.com;user=phone | sip:+4930123@pbx.example.com;user=phone",
        "sip:bob@127.0.0.1:5999;USER=Phone;Transport=TCP | sip:bob@127.0.0.1:5999;transport=tcp;user=phone",
        "sip:pbx.example.com | sip:pbx.example.com",
        "sip:bob@[::1]:5060  | sip:bob@[::1]:5060",
    })
    void targetsAreRebuiltFromTheirParts(String raw, String canonical) {
        assertEquals(canonical, DialTarget.parse(raw, false).canonical());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "sip:callee@127.0.0.1:5999?X-Foo=bar          | URI headers ('?X-Foo=bar')",
        "sip:alice@pbx.example.com?Route=x             | URI headers",
        "sip:callee@127.0.0.1:5999;maddr=10.0.0.1      | ';maddr=10.0.0.1'",
        "sip:+4930123@allowed.example;maddr=evil       | maddr would send the INVITE to another host",
        "sip:cal%6Cee@127.0.0.1                        | percent-encoded character '%6C'",
        "sip:alice%40evil.example@pbx.example.com      | '%40'",
        "sip:a@b@127.0.0.1                             | more than one '@'",
        "sip:sip:x@evil.example                        | user part 'sip:x' is itself a URI",
        "sip:alice:secret@pbx.example.com              | carries a password",
        "sip:callee@127.0.0.1;lr                       | ';lr'",
        "sip:callee@127.0.0.1;foo=bar                  | ';foo=bar'",
        "sip:callee@127.0.0.1;transport=sctp           | ';transport=sctp'",
        "sip:+4930;phone-context=evil@pbx.example.com  | user part '+4930;phone-context=evil'",
        "sip:*21@pbx.example.com                       | user part '*21'",
        "sip:@pbx.example.com                          | user part before '@' is empty",
        "sip:alice@pbx.example.com:99999               | port 99999",
        "sip:alice@-pbx-                               | '-pbx-' is not a host name",
        "sip:ali ce@pbx.example.com                    | U+0020 SPACE",
        "sip:alice@pbx.exämple.com                     | U+00E4",
        "sip:alice@pbx.example.com>x                   | is not a valid SIP URI",
    })
    void dangerousSipUrisAreRefusedNamingWhatIsWrong(String raw, String named) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DialTarget.parse(raw, false));
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertTrue(e.getMessage().startsWith("'" + raw + "'"), "the error names the target: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "*21#                | '*' and '#' are not dialled",
        "+49301234#          | '*' and '#' are not dialled",
        "+٤٩٣٠١٢٣٤٥٦         | U+0664 ARABIC-INDIC DIGIT FOUR is not an ASCII digit",
        "＋４９３０１２３４５６   | U+FF0B FULLWIDTH PLUS SIGN",
        "+49３０123456        | U+FF13 FULLWIDTH DIGIT THREE is not an ASCII digit",
        "tel:+4930123456     | a SIP URI starts with sip: or sips:",
        "alice@pbx.example.com | a SIP URI starts with sip: or sips:",
        "+49+30123           | '+' is no digit",
        "+                   | it has no digits",
        "call me             | 'c' is no digit",
    })
    void numbersAreAsciiDigitsWithALeadingPlusOnly(String raw, String named) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DialTarget.parse(raw, false));
        assertTrue(e.getMessage().contains("is not a telephone number or SIP URI: "), e.getMessage());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void lineBreaksAndOverlongNumbersAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DialTarget.parse("+4930\r\nVia: x", false))
                .getMessage().contains("U+000D"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DialTarget.parse("+49" + "1".repeat(40), false))
                .getMessage().contains("42 digits, more than 32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DialTarget.parse("sip:a@b\r\nX-Evil: 1", false))
                .getMessage().contains("is not a valid SIP URI"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DialTarget.parse("  ", false))
                .getMessage().contains("no 'to'"));
    }

    @Test
    void starAndHashAreDialledOnlyWhenAllowed() {
        assertEquals("*21#", DialTarget.parse("*21#", true).canonical());
        assertTrue(DialTarget.parse("*21#", true).isNumber());
        assertEquals("sip:*21@pbx.example.com", DialTarget.parse("sip:*21@pbx.example.com", true).canonical());
        assertFalse(DialTarget.parse("sip:*21@pbx.example.com", true).isNumber());
    }

    @Test
    void theRequestUriIsTheCanonicalForm() throws Exception {
        final SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        final AddressFactory addresses = f.createAddressFactory();
        for (String raw : new String[] {"SIP:Bob@Example.COM:5070;Transport=TCP;user=phone", "sips:alice@[::1]",
                "sip:pbx.example.com:5080", "sip:+4930123@pbx.example.com"}) {
            final DialTarget t = DialTarget.parse(raw, false);
            assertEquals(t.canonical(), t.requestUri(addresses).toString(), raw);
        }
    }
}
