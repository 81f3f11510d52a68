package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipgateway.callcontrol.link.LinkConfig;

class CallControlSettingsTest {
    private final Map<String, String> properties = new HashMap<>();

    private Settings settings() {
        return Settings.read(properties::get);
    }

    @Test
    void internalIsTheDefault() {
        assertFalse(CallControlSettings.external(settings()));
        assertEquals(5347, settings().get(CallControlSettings.EXTERNAL_PORT));
    }

    @Test
    void externalModeNeedsAHostAndASecretAndSaysWhichIsMissing() {
        properties.put("sipgateway.callcontrol.mode", "External");
        assertTrue(CallControlSettings.external(settings()));
        final IllegalArgumentException noHost = assertThrows(IllegalArgumentException.class,
                () -> CallControlSettings.link(settings(), "openfire.example.com"));
        assertTrue(noHost.getMessage().startsWith("sipgateway.callcontrol.external.host is empty"), noHost.getMessage());
        properties.put("sipgateway.callcontrol.external.host", "meet.example.com");
        final IllegalArgumentException noSecret = assertThrows(IllegalArgumentException.class,
                () -> CallControlSettings.link(settings(), "openfire.example.com"));
        assertTrue(noSecret.getMessage().startsWith("sipgateway.callcontrol.external.secret is empty"),
                noSecret.getMessage());
        properties.put("sipgateway.callcontrol.external.secret", "s3cret");
        final LinkConfig link = CallControlSettings.link(settings(), "openfire.example.com");
        assertEquals("meet.example.com", link.host());
        assertEquals(5347, link.port());
        assertEquals("s3cret", link.secret());
        assertFalse(link.toString().contains("s3cret"), "the secret stays out of logs: " + link);
    }

    @Test
    void theComponentDomainDefaultsToTheSubdomainOfTheConferenceDomain() {
        final Settings plain = settings();
        assertEquals("callcontrol.openfire.example.com", CallControlSettings.domain(plain, "openfire.example.com"));
        properties.put("sipgateway.xmpp.domain", "meet.example.com");
        properties.put("sipgateway.callcontrol.subdomain", "phones");
        assertEquals("phones.meet.example.com", CallControlSettings.domain(settings(), "openfire.example.com"));
        properties.put("sipgateway.callcontrol.external.domain", "CallControl.Meet.Example.com");
        assertEquals("callcontrol.meet.example.com", CallControlSettings.domain(settings(), "openfire.example.com"));
    }

    @Test
    void badValuesAreSettingProblemsNamingTheSetting() {
        properties.put("sipgateway.callcontrol.mode", "both");
        properties.put("sipgateway.callcontrol.external.port", "70000");
        properties.put("sipgateway.callcontrol.external.domain", "call control.example.com");
        final Settings s = settings();
        assertEquals(Map.of("sipgateway.callcontrol.mode", "must be one of internal, external",
                "sipgateway.callcontrol.external.port", "must be between 1 and 65535",
                "sipgateway.callcontrol.external.domain", "must be a domain name: DNS labels separated by dots"),
                s.problems().stream().collect(java.util.stream.Collectors.toMap(SettingProblem::name,
                        SettingProblem::reason)));
        assertFalse(CallControlSettings.external(s), "a bad mode falls back to internal");
    }

    @Test
    void theSecretIsNeverEchoed() {
        assertTrue(CallControlSettings.EXTERNAL_SECRET.isSecret());
    }
}
