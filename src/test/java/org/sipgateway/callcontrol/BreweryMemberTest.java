package org.sipgateway.callcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sipgateway.conference.XmppServerConfig;
import org.sipgateway.gateway.CallRegistry;

/** The load report Jicofo picks gateways by (docs/JITSI-WIRE.md, the brewery room). */
class BreweryMemberTest {
    @Test
    void anIdleGatewayReportsNoLoadItsRegionVersionAndThatItDoesSipButNotTranscription() {
        final BreweryMember member = new BreweryMember(XmppServerConfig.localDefault("example.com"),
                "jigasibrewery@internal.auth.example.com", Set.of(), () -> null, new CallRegistry(),
                new BreweryMember.Identity(50, () -> false, "eu-west", "1.2.3"), Duration.ofSeconds(10));
        final Map<String, String> stats = member.stats();
        assertEquals(Map.of("conferences", "0", "participants", "0", "stress_level", "0.000",
                "graceful_shutdown", "false", "region", "eu-west", "version", "1.2.3", "supports_sip", "true",
                "supports_transcription", "false"), stats);
    }

    @Test
    void drainingIsReportedAndAnEmptyRegionIsLeftOut() {
        final boolean[] draining = {false};
        final BreweryMember member = new BreweryMember(XmppServerConfig.localDefault("example.com"),
                "jigasibrewery@internal.auth.example.com", Set.of(), () -> null, new CallRegistry(),
                new BreweryMember.Identity(10, () -> draining[0], "", "1.0"), Duration.ofSeconds(10));
        draining[0] = true;
        assertEquals("true", member.stats().get("graceful_shutdown"));
        assertEquals(null, member.stats().get("region"));
    }
}
