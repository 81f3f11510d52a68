package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipgateway.conference.TlsPolicy;

class SettingsTest {
    @Test
    void unsetSettingsTakeTheirDefaults() {
        final Settings settings = Settings.read(name -> null);
        assertEquals("callcontrol", settings.get(Settings.CALLCONTROL_SUBDOMAIN));
        assertTrue(settings.problems().isEmpty());
    }

    @Test
    void validValueIsUsedNormalised() {
        final Settings settings = Settings.read(Map.of("sipgateway.callcontrol.subdomain", " Phones ")::get);
        assertEquals("phones", settings.get(Settings.CALLCONTROL_SUBDOMAIN));
        assertTrue(settings.problems().isEmpty());
    }

    @Test
    void invalidValueIsReportedByNameAndReasonAndTheDefaultUsed() {
        final Settings settings = Settings.read(Map.of("sipgateway.callcontrol.subdomain", "call control!")::get);
        assertEquals("callcontrol", settings.get(Settings.CALLCONTROL_SUBDOMAIN));
        assertEquals(1, settings.problems().size());
        final SettingProblem problem = settings.problems().get(0);
        assertEquals("sipgateway.callcontrol.subdomain", problem.name());
        assertEquals("call control!", problem.value());
        assertTrue(problem.message().contains("sipgateway.callcontrol.subdomain")
                && problem.message().contains("DNS label") && problem.message().contains("callcontrol"),
                problem.message());
    }

    @Test
    void blankValueMeansDefaultNotAProblem() {
        final Settings settings = Settings.read(Map.of("sipgateway.callcontrol.subdomain", "  ")::get);
        assertEquals("callcontrol", settings.get(Settings.CALLCONTROL_SUBDOMAIN));
        assertTrue(settings.problems().isEmpty());
    }

    @Test
    void parsersRejectWithAReason() {
        assertEquals("must be between 1 and 65535", reason(SettingParsers.port(), "70000"));
        assertEquals("not a whole number", reason(SettingParsers.port(), "50x"));
        assertEquals("must be true or false", reason(SettingParsers.bool(), "maybe"));
        assertEquals("must be one of internal, external",
                reason(SettingParsers.oneOf("internal", "external"), "both"));
        assertEquals(Boolean.TRUE, SettingParsers.bool().apply("Yes"));
        assertEquals(5060, SettingParsers.port().apply("5060"));
    }

    @Test
    void xmppTlsIsRequiredTowardARemoteServerUnlessSetOtherwise() {
        assertEquals(TlsPolicy.REQUIRED, tls(Map.of("sipgateway.xmpp.host", "meet.example.com")));
        assertEquals(TlsPolicy.REQUIRED, tls(Map.of("sipgateway.xmpp.host", "192.0.2.10")));
        assertEquals(TlsPolicy.OPTIONAL, tls(Map.of()), "the default host is this Openfire on 127.0.0.1");
        assertEquals(TlsPolicy.OPTIONAL, tls(Map.of("sipgateway.xmpp.host", "localhost")));
        assertEquals(TlsPolicy.OPTIONAL, tls(Map.of("sipgateway.xmpp.host", "meet.example.com",
                "sipgateway.xmpp.tls", "optional")), "an explicit setting wins");
        assertEquals(TlsPolicy.DISABLED, tls(Map.of("sipgateway.xmpp.host", "127.0.0.1", "sipgateway.xmpp.tls",
                "disabled")));
        assertEquals(TlsPolicy.REQUIRED, tls(Map.of("sipgateway.xmpp.host", "meet.example.com",
                "sipgateway.xmpp.tls", "sometimes")), "a bad value falls back to the safe default");
    }

    private static TlsPolicy tls(Map<String, String> properties) {
        return ConferenceSettings.config(Settings.read(properties::get), "localhost").tls();
    }

    @Test
    void onlySipgatewayPropertiesAreOurs() {
        assertTrue(Settings.isOurs("sipgateway.sip.port"));
        assertFalse(Settings.isOurs("xmpp.domain"));
        assertFalse(Settings.isOurs(null));
    }

    private static String reason(java.util.function.Function<String, ?> parser, String raw) {
        try {
            parser.apply(raw);
            return "accepted";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
