package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipgateway.media.codec.OpusImplementation;

class MediaConfigTest {
    @Test
    void unsetPropertiesGiveTheDocumentedDefaults() {
        MediaConfig c = MediaConfig.fromProperties(name -> null);
        assertEquals(MediaConfig.defaults(), c);
        assertEquals(10000, c.rtpPortMin());
        assertEquals(20000, c.rtpPortMax());
        assertEquals(Duration.ofSeconds(30), c.rtpTimeout());
        assertEquals(OpusImplementation.AUTO, c.opusImplementation());
    }

    @Test
    void propertiesAreReadByTheirDocumentedNames() {
        Map<String, String> p = Map.of("sipgateway.media.rtp-port-min", "30000", "sipgateway.media.rtp-port-max", "30100",
            "sipgateway.media.rtp-timeout-seconds", "12", "sipgateway.media.opus-implementation", "Java",
            "sipgateway.media.ice-host-addresses", "127.0.0.1, ::1", "sipgateway.media.stun-servers", "stun.example.org:3478",
            "sipgateway.media.mixer-threads", "3", "sipgateway.media.jitter-min-ms", "60", "sipgateway.media.jitter-max-ms", "300",
            "sipgateway.media.turn-servers", "gw:s3cr:et@turn.example.org:3478");
        MediaConfig c = MediaConfig.fromProperties(p::get);
        assertEquals(30000, c.rtpPortMin());
        assertEquals(30100, c.rtpPortMax());
        assertEquals(Duration.ofSeconds(12), c.rtpTimeout());
        assertEquals(OpusImplementation.JAVA, c.opusImplementation());
        assertEquals(List.of("127.0.0.1", "::1"), c.iceHostAddresses());
        assertEquals("stun.example.org", c.stunServers().get(0).getHostString());
        assertEquals(3478, c.stunServers().get(0).getPort());
        assertEquals(3, c.mixerThreads());
        assertEquals(60, c.jitterMinMillis());
        assertEquals(new org.sipgateway.media.transport.IceSettings.TurnServer("turn.example.org", 3478, "gw", "s3cr:et"), c.turnServers().get(0));
    }

    @Test
    void badValuesNameThePropertyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> MediaConfig.fromProperties(Map.of("sipgateway.media.rtp-port-min", "ten")::get));
        assertTrue(e.getMessage().contains("sipgateway.media.rtp-port-min") && e.getMessage().contains("'ten'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> MediaConfig.fromProperties(Map.of("sipgateway.media.opus-implementation", "fast")::get));
        assertTrue(e.getMessage().contains("auto, native or java"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> MediaConfig.fromProperties(Map.of("sipgateway.media.turn-servers", "gw:secret@turn.example.org")::get));
        assertTrue(e.getMessage().contains("host:port") && !e.getMessage().contains("secret"), "no password in: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> MediaConfig.fromProperties(Map.of("sipgateway.media.rtp-timeout-seconds", "0")::get));
        assertTrue(e.getMessage().contains("rtp-timeout-seconds"), e.getMessage());
    }
}
