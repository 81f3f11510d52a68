package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** /health follows the registrar, /metrics counts calls, graceful shutdown refuses new calls with 503. */
class MonitoringIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void healthFollowsTheRegistrarMetricsCountCallsAndDrainingRefusesNewCalls(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio kamailio = Kamailio.builder(run).user("gw", "gwpw").start();
                OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("monitoring")
                        .property("sipgateway.sip.account.username", "gw")
                        .property("sipgateway.sip.account.password", "gwpw")
                        .property("sipgateway.sip.account.registrar", kamailio.domain())
                        .property("sipgateway.sip.keepalive", "2")
                        .property("sipgateway.sip.register.retry-min", "1")
                        .property("sipgateway.sip.register.retry-max", "2")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                        .property("sipgateway.monitoring.token", "s3cret-token"))) {
            final String health = openfire.adminUrl("/plugins/sipgateway/health");
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).statusCode() == 200), "healthy once registered");
            assertEquals("OK\n", get(health).body());

            kamailio.stop();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).statusCode() == 503), "the registrar went away");
            assertTrue(get(health).body().contains("SIP account SipAccount[gw@"), get(health).body());
            kamailio.launch();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).statusCode() == 200), "registered again");

            try (FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                    openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                    "metered@conference.localhost", FocusPeer.RoomSetup.OPEN);
                    AutoFocus autoFocus = AutoFocus.start(focus)) {
                final Sipp.Result call = Sipp.scenario(run, "uac_room_call.xml").target(openfire.sipPort())
                        .service("gateway").key("room", "metered").run(Duration.ofSeconds(60));
                assertEquals(0, call.exitCode(), call.describe());
            }
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(openfire.adminUrl("/plugins/sipgateway/metrics")).body()
                    .contains("sipgateway_calls_total{direction=\"inbound\",result=\"connected\"} 1")));
            final String metrics = get(openfire.adminUrl("/plugins/sipgateway/metrics")).body();
            assertPrometheusText(metrics);
            assertTrue(metrics.contains("sipgateway_call_setup_seconds_count 1"), metrics);
            assertTrue(metrics.contains("sipgateway_sip_registered{account="), metrics);
            final String stats = get(openfire.adminUrl("/plugins/sipgateway/stats")).body();
            assertTrue(stats.contains("\"total_calls\":1") && stats.contains("\"graceful_shutdown\":false"), stats);

            openfire.process().setProperty("sipgateway.graceful-shutdown", "true", Duration.ofSeconds(20));
            final Sipp.Result refused = Sipp.scenario(run, "uac_expect_503.xml").target(openfire.sipPort())
                    .service("gateway").key("room", "metered").run(Duration.ofSeconds(30));
            assertEquals(0, refused.exitCode(), "a new call gets 503 while draining: " + refused.describe());
            assertTrue(get(openfire.adminUrl("/plugins/sipgateway/stats")).body().contains("\"graceful_shutdown\":true"));
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(url + ": " + e, e);
        }
    }

    /** Every line is a comment or "name{labels} value" with a number. */
    private static void assertPrometheusText(String text) {
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? -?[0-9.eE+]+"),
                    "not Prometheus text: '" + line + "'");
        }
    }
}
