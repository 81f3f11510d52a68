package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireOptions.BouncyCastle;
import org.sipgateway.testkit.openfire.ThreadReport;
import org.sipgateway.testkit.jitsi.RayoClient;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** The plugin jar in a real Openfire 4.2.0: loads, serves call control, unloads without a trace, reloads. */
class OpenfirePluginIT {
    private static final Duration ASK = Duration.ofSeconds(20);

    @ParameterizedTest(name = "with the BouncyCastle of {0}")
    @EnumSource(BouncyCastle.class)
    void loadsServesUnloadsCleanlyAndReloads(BouncyCastle bouncyCastle) throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(
                OpenfireFixture.options("lifecycle").bouncyCastle(bouncyCastle))) {
            assertCallControlAnswers(openfire, "callcontrol.localhost");

            openfire.removePlugin();
            try (TestXmppClient client = admin(openfire)) {
                final XMPPErrorException gone = assertThrows(XMPPErrorException.class,
                        () -> client.discoInfo("callcontrol.localhost"), "the component must go with the plugin");
                assertTrue(gone.getStanzaError().getCondition() != StanzaError.Condition.feature_not_implemented);
            }
            final ThreadReport afterUnload = openfire.process().threadReport(ASK);
            assertEquals(List.of(), afterUnload.pluginThreads(), "threads left behind by the unloaded plugin");

            openfire.installPlugin();
            assertCallControlAnswers(openfire, "callcontrol.localhost");
        }
    }

    @Test
    void withTheDefaultPolicyADialIsForbiddenWithTheReason() throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("dial"));
                TestXmppClient client = admin(openfire)) {
            final RayoClient.Outcome refused = RayoClient.dial(client, "callcontrol.localhost", "+4930123456",
                    "room1@conference.localhost", null);
            assertEquals(StanzaError.Condition.forbidden, refused.condition(), refused.toString());
            assertTrue(refused.text().contains("Dial-out is disabled on this gateway"), refused.text());

            final IQ unknown = TestXmppClient.rawIq("callcontrol.localhost", IQ.Type.get, "query", "urn:example:nothing", "");
            final XMPPErrorException unsupported = assertThrows(XMPPErrorException.class, () -> client.request(unknown));
            assertEquals(StanzaError.Condition.service_unavailable, unsupported.getStanzaError().getCondition());
        }
    }

    @Test
    void badSettingIsReportedAndTheDefaultUsedAndAGoodOneAppliesWithoutRestart() throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("settings")
                .property("sipgateway.callcontrol.subdomain", "not a_label!"))) {
            assertCallControlAnswers(openfire, "callcontrol.localhost");
            final String status = get(openfire.adminUrl("/plugins/sipgateway/status"));
            assertTrue(status.contains("sipgateway.callcontrol.subdomain") && status.contains("one DNS label"), status);
            final String log = Files.readString(openfire.options().home().resolve("logs/all.log"));
            assertTrue(log.lines().anyMatch(l -> l.contains("WARN") && l.contains("sipgateway.callcontrol.subdomain")
                    && l.contains("not a_label!")), "the log names the bad setting");

            openfire.process().setProperty("sipgateway.callcontrol.subdomain", "phones", ASK);
            assertCallControlAnswers(openfire, "phones.localhost");
            try (TestXmppClient client = admin(openfire)) {
                assertThrows(XMPPErrorException.class, () -> client.discoInfo("callcontrol.localhost"),
                        "the old address is released");
            }
            final String after = get(openfire.adminUrl("/plugins/sipgateway/status"));
            assertTrue(after.contains("phones.localhost") && after.contains("No problems"), after);
        }
    }

    private static void assertCallControlAnswers(OpenfireFixture openfire, String address) throws Exception {
        try (TestXmppClient client = admin(openfire)) {
            final DiscoverInfo info = client.discoInfo(address);
            assertTrue(info.hasIdentity("gateway", "sip"), "identity gateway/sip: " + info.toXML());
            final List<String> features = info.getFeatures().stream().map(DiscoverInfo.Feature::getVar)
                    .collect(Collectors.toList());
            assertTrue(features.contains("urn:xmpp:rayo:1"), features.toString());
            assertTrue(features.contains("http://jitsi.org/protocol/jigasi"), features.toString());
        }
    }

    private static TestXmppClient admin(OpenfireFixture openfire) throws Exception {
        return TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword());
    }

    private static String get(String url) throws Exception {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}
