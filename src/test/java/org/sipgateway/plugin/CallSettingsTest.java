package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipgateway.conference.XmppServerConfig;
import org.sipgateway.gateway.GatewayConfig;

class CallSettingsTest {
    @Test
    void aWildcardSipAddressNeedsAPublicAddressForTheSdp() {
        final Settings wildcard = Settings.read(Map.of("sipgateway.sip.address", "0.0.0.0")::get);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CallSettings.config(
                wildcard, XmppServerConfig.localDefault("example.com"), SipSettings.config(wildcard)));
        assertTrue(e.getMessage().contains("sipgateway.sip.public-address"), e.getMessage());

        final Settings withPublic = Settings.read(Map.of("sipgateway.sip.address", "0.0.0.0",
                "sipgateway.sip.public-address", "198.51.100.7")::get);
        final GatewayConfig config = CallSettings.config(withPublic, XmppServerConfig.localDefault("example.com"),
                SipSettings.config(withPublic));
        assertEquals("198.51.100.7", config.sdpAddress());
    }

    @Test
    void roomsJoinTheConfiguredMucServiceWithTheConfiguredHeader() {
        final Settings s = Settings.read(Map.of("sipgateway.room-header", "X-Room", "sipgateway.default-room", "hall",
                "sipgateway.max-calls", "7")::get);
        final GatewayConfig config = CallSettings.config(s, XmppServerConfig.localDefault("example.com"),
                SipSettings.config(s));
        assertEquals("X-Room", config.rooms().roomHeader());
        assertEquals("conference.example.com", config.rooms().mucService());
        assertEquals("hall", config.rooms().defaultRoom());
        assertEquals(7, config.maxCalls());
    }

    @Test
    void aBadHeaderNameIsAProblemNamingTheSetting() {
        final Settings s = Settings.read(Map.of("sipgateway.room-header", "Room Header:")::get);
        assertEquals("sipgateway.room-header", s.problems().get(0).name());
        assertEquals("Jitsi-Conference-Room", s.get(CallSettings.ROOM_HEADER));
    }
}
