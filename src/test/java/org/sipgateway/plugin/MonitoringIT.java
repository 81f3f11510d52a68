package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireProcess;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * /health follows the registrar, /metrics counts calls, graceful shutdown refuses new calls with 503; the monitoring
 * endpoints answer only the token (loopback only when trusted, never through a proxy); the Openfire 4.2.0 of the
 * harness is reported as having the admin console bypass; and the secrets of a registered, calling gateway are stored
 * encrypted and never reach the logs, the SIP wire trace included.
 */
class MonitoringIT {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String SIP_PASSWORD = "gwSecr3tPassw0rd";
    private static final String XMPP_PASSWORD = "xmppSecr3tPassw0rd";
    private static final String TOKEN = "monToken-9f3c2a71e5";
    private static final Pattern CLEAR_DIGEST_RESPONSE = Pattern.compile("(?i)response=\"?[0-9a-f]{8,}");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void healthFollowsTheRegistrarMetricsCountCallsAndDrainingRefusesNewCalls(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio kamailio = Kamailio.builder(run).user("gw", SIP_PASSWORD).start();
                OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("monitoring")
                        .property("sipgateway.sip.account.username", "gw")
                        .property("sipgateway.sip.account.password", SIP_PASSWORD)
                        .property("sipgateway.sip.account.registrar", kamailio.domain())
                        .property("sipgateway.sip.keepalive", "2")
                        .property("sipgateway.sip.register.retry-min", "1")
                        .property("sipgateway.sip.register.retry-max", "2")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                        .property("sipgateway.xmpp.username", "gateway")
                        .property("sipgateway.xmpp.password", XMPP_PASSWORD)
                        .property("sipgateway.monitoring.token", TOKEN)
                        .logLevel("org.sipgateway.sip.wire", "TRACE"))) {
            openfire.process().addUser("gateway", XMPP_PASSWORD, WAIT);
            final String health = openfire.adminUrl("/plugins/sipgateway/health");
            assertTrue(ExternalProcess.waitFor(WAIT, () -> get(health).statusCode() == 200), "healthy once registered");
            assertTrue(get(health).body().startsWith("OK\n"), get(health).body());
            assertTrue(get(health).body().contains("warning: Openfire 4.2.0 is older than 4.7.5")
                    && get(health).body().contains("CVE-2023-32315"), "the harness's Openfire 4.2.0: " + get(health).body());

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
            assertTrue(metrics.contains("\nsipgateway_openfire_admin_console_bypassable 1\n"), metrics);
            final String stats = get(openfire.adminUrl("/plugins/sipgateway/stats")).body();
            assertTrue(stats.contains("\"total_calls\":1") && stats.contains("\"graceful_shutdown\":false"), stats);

            secretsAreStoredEncryptedAndNeverLogged(openfire.process());
            onlyTheTokenOpensMonitoringUnlessLoopbackIsTrusted(openfire);

            openfire.process().setProperty("sipgateway.graceful-shutdown", "true", Duration.ofSeconds(20));
            final Sipp.Result refused = Sipp.scenario(run, "uac_expect_503.xml").target(openfire.sipPort())
                    .service("gateway").key("room", "metered").run(Duration.ofSeconds(30));
            assertEquals(0, refused.exitCode(), "a new call gets 503 while draining: " + refused.describe());
            assertTrue(get(openfire.adminUrl("/plugins/sipgateway/stats")).body().contains("\"graceful_shutdown\":true"));
        }
    }

    /**
     * The harness wrote the secrets in plain text; the plugin re-stored them with Openfire's property encryption. The
     * registration (REGISTER with a digest Authorization, traced on the wire) and the call (an XMPP login with the
     * password) ran: neither the secrets nor a digest response are in any log, and the trace shows the masked form.
     */
    private static void secretsAreStoredEncryptedAndNeverLogged(OpenfireProcess openfire) {
        for (Map.Entry<String, String> secret : Map.of("sipgateway.sip.account.password", SIP_PASSWORD,
                "sipgateway.xmpp.password", XMPP_PASSWORD, "sipgateway.monitoring.token", TOKEN).entrySet()) {
            final List<List<String>> row = openfire.query("SELECT propValue, encrypted FROM ofProperty WHERE name = '"
                    + secret.getKey() + "'", WAIT);
            assertEquals(1, row.size(), secret.getKey() + ": " + row);
            assertEquals("1", row.get(0).get(1), secret.getKey() + " is stored encrypted: " + row);
            assertNotEquals(secret.getValue(), row.get(0).get(0), secret.getKey());
            assertFalse(row.get(0).get(0).contains(secret.getValue()), secret.getKey());
        }
        for (String secret : new String[] {SIP_PASSWORD, XMPP_PASSWORD, TOKEN}) {
            assertEquals(List.of(), openfire.logLines(line -> line.contains(secret)), "a secret in the log");
        }
        assertEquals(List.of(), openfire.logLines(line -> CLEAR_DIGEST_RESPONSE.matcher(line).find()),
                "a digest response in the log");
        assertFalse(openfire.logLines(line -> line.startsWith("Authorization: Digest ") && line.contains("\"gw\"")
                && line.contains("response=\"***\"")).isEmpty(), "the wire trace logged the masked REGISTER");
    }

    /**
     * Loopback is no proof of anything when a reverse proxy runs on this host: without trust-loopback only the token
     * opens /health; with it, a request straight from loopback does, one a proxy forwarded does not.
     */
    private void onlyTheTokenOpensMonitoringUnlessLoopbackIsTrusted(OpenfireFixture openfire) throws Exception {
        for (String path : new String[] {"/health", "/metrics", "/stats"}) {
            final String url = openfire.adminUrl("/plugins/sipgateway" + path);
            final HttpResponse<String> refused = send(url, Map.of());
            assertEquals(401, refused.statusCode(), path + " from loopback without the token: " + refused.body());
            assertEquals("Bearer realm=\"sipgateway\"", refused.headers().firstValue("WWW-Authenticate").orElse(""));
            assertTrue(refused.body().contains("sipgateway.monitoring.token"), refused.body());
            assertEquals(401, send(url, Map.of("Authorization", "Bearer wrong-" + TOKEN)).statusCode(), path);
            assertEquals(200, send(url, Map.of("Authorization", "Bearer " + TOKEN)).statusCode(), path);
        }
        final String health = openfire.adminUrl("/plugins/sipgateway/health");
        openfire.process().setProperty("sipgateway.monitoring.trust-loopback", "true", WAIT);
        assertEquals(200, send(health, Map.of()).statusCode(), "straight from loopback, now trusted");
        for (Map.Entry<String, String> forwarded : Map.of("X-Forwarded-For", "203.0.113.9", "Forwarded",
                "for=203.0.113.9", "X-Real-IP", "203.0.113.9").entrySet()) {
            assertEquals(401, send(health, Map.of(forwarded.getKey(), forwarded.getValue())).statusCode(),
                    "forwarded by a proxy on this host: " + forwarded);
        }
        assertEquals(200, send(health, Map.of("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer " + TOKEN))
                .statusCode(), "through the proxy with the token");
        openfire.process().setProperty("sipgateway.monitoring.trust-loopback", "false", WAIT);
        assertEquals(401, send(health, Map.of()).statusCode());
    }

    /** A monitoring system's request: with the token. */
    private HttpResponse<String> get(String url) {
        return send(url, Map.of("Authorization", "Bearer " + TOKEN));
    }

    private HttpResponse<String> send(String url, Map<String, String> headers) {
        try {
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
