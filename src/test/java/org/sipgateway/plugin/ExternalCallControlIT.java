package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.prosody.ProsodyFixture;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * The plugin in a real Openfire with {@code sipgateway.callcontrol.mode=external}: its call-control component is an
 * external component of a separate prosody, as for a Jitsi Meet install with its own XMPP server.
 */
class ExternalCallControlIT {
    private static final String DOMAIN = "meet.test";
    private static final String COMPONENT = "callcontrol." + DOMAIN;
    private static final String SECRET = "gateway-component-secret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void meetClientsOnProsodyReachThePluginsComponentAndUnloadTakesItAway() throws Exception {
        try (ProsodyFixture prosody = ProsodyFixture.start("external-callcontrol", DOMAIN, Map.of(),
                Map.of(COMPONENT, SECRET));
                OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("external-callcontrol")
                        .property("sipgateway.monitoring.trust-loopback", "true") // the test reads /health or /metrics
                        .property("sipgateway.xmpp.domain", DOMAIN) // the component's default name comes from it
                        .property("sipgateway.xmpp.port", Integer.toString(prosody.port()))
                        .property("sipgateway.callcontrol.mode", "external")
                        .property("sipgateway.callcontrol.external.host", "127.0.0.1")
                        .property("sipgateway.callcontrol.external.port", Integer.toString(prosody.componentPort()))
                        .property("sipgateway.callcontrol.external.secret", SECRET))) {
            final String health = openfire.adminUrl("/plugins/sipgateway/health");
            final String status = openfire.adminUrl("/plugins/sipgateway/status");
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).statusCode() == 200),
                    "healthy once the link is up: " + get(health).body());
            final String page = get(status).body();
            assertTrue(page.contains(COMPONENT), page);
            assertTrue(linkCell(page).contains("CONNECTED") && linkCell(page).contains("127.0.0.1:" + prosody.componentPort()),
                    linkCell(page));

            try (TestXmppClient client = TestXmppClient.anonymous(DOMAIN, prosody.port())) {
                assertAnswersAsGateway(client);
                final IQ dial = TestXmppClient.rawIq(COMPONENT, IQ.Type.set, "dial", "urn:xmpp:rayo:1",
                        "<header name='JvbRoomName' value='room1@conference.meet.test'/>");
                assertThrows(XMPPErrorException.class, () -> client.request(dial), "an XMPP error answer, not silence");
            }

            // a secret changed on the running server restarts call control, which is then refused
            openfire.process().setProperty("sipgateway.callcontrol.external.secret", "not-the-secret", WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).body().contains("not-authorized")),
                    "the link's reason in /health: " + get(health).body());
            assertEquals(503, get(health).statusCode());
            final String refused = linkCell(get(status).body());
            assertTrue(refused.contains("FAILING") && refused.contains("not-authorized")
                    && refused.contains("component_secret"), refused);
            openfire.process().setProperty("sipgateway.callcontrol.external.secret", SECRET, WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).statusCode() == 200), get(health).body());

            prosody.stop();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).body().contains("call-control link " + COMPONENT)),
                    "prosody gone: " + get(health).body());
            prosody.launch();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).statusCode() == 200),
                    "back by itself: " + get(health).body());
            try (TestXmppClient client = TestXmppClient.anonymous(DOMAIN, prosody.port())) {
                assertAnswersAsGateway(client);

                openfire.removePlugin();
                assertEquals(List.of(), openfire.process().threadReport(WAIT).pluginThreads(),
                        "threads left behind by the unloaded plugin");
                final XMPPErrorException gone = assertThrows(XMPPErrorException.class, () -> client.discoInfo(COMPONENT),
                        "prosody no longer has the component");
                assertTrue(List.of(StanzaError.Condition.service_unavailable, StanzaError.Condition.remote_server_timeout)
                        .contains(gone.getStanzaError().getCondition()), gone.getMessage());
            }
        }
    }

    private static String linkCell(String page) {
        final int at = page.indexOf("id=\"callcontrol-link\"");
        assertTrue(at >= 0, "the status page shows the link: " + page);
        return page.substring(at, page.indexOf("</td>", at));
    }

    private static void assertAnswersAsGateway(TestXmppClient client) throws Exception {
        final DiscoverInfo info = client.discoInfo(COMPONENT);
        assertTrue(info.hasIdentity("gateway", "sip"), info.toXML().toString());
        assertTrue(info.containsFeature("urn:xmpp:rayo:1") && info.containsFeature("http://jitsi.org/protocol/jigasi"),
                info.toXML().toString());
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e, e);
        }
    }
}
