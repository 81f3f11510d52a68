package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** With early media the caller gets 183 with SDP when the conference accepts, then 200 once media is up. */
class DialInEarlyMediaIT {
    @Test
    void earlyMediaSends183WithSdpBeforeThe200(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in-early-media")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                        .property("sipgateway.early-media", "true"));
                FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                        "early@conference.localhost", FocusPeer.RoomSetup.OPEN);
                AutoFocus autoFocus = AutoFocus.start(focus)) {
            final Sipp.Result result = Sipp.scenario(run, "uac_early_media.xml").target(openfire.sipPort())
                    .service("gateway").key("room", "early").run(Duration.ofSeconds(60));
            assertEquals(0, result.exitCode(), result.describe());
            final String trace = result.messages();
            assertTrue(trace.contains("SIP/2.0 183") && trace.indexOf("SIP/2.0 183") < trace.indexOf("SIP/2.0 200"),
                    "183 comes before the 200");
            autoFocus.assertNoFailures();
        }
    }
}
