package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.FreePorts;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** The admin pages in a real Openfire: settings render, reject bad input, and apply good input live. */
class AdminPagesIT {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void settingsPageValidatesProtectsAndAppliesWithoutRestart() throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("admin-pages"))) {
            final String url = openfire.adminUrl("/plugins/sipgateway/settings");
            final HttpResponse<String> page = get(url);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("name=\"sipgateway.callcontrol.subdomain\""), page.body());
            final String csrf = csrf(page.body());

            assertEquals(403, post(url, "sipgateway.callcontrol.subdomain=evil&csrf=wrong").statusCode(),
                    "a post without the page's token is refused");

            final HttpResponse<String> bad = post(url, "sipgateway.callcontrol.subdomain=" + enc("no spaces!")
                    + "&csrf=" + csrf);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("id=\"error-sipgateway.callcontrol.subdomain\"")
                    && bad.body().contains("DNS label"), bad.body());
            assertGateway(openfire, "callcontrol.localhost");

            final HttpResponse<String> good = post(url, "sipgateway.callcontrol.subdomain=meetphones&csrf=" + csrf);
            assertEquals(302, good.statusCode(), good.body());
            assertGateway(openfire, "meetphones.localhost");
            assertTrue(get(url + "?saved=1").body().contains("value=\"meetphones\""));

            // a SIP port change restarts SIP at once: the old port closes, the new one answers
            final int oldPort = openfire.sipPort();
            final int newPort = FreePorts.udpAndTcp();
            assertTrue(SipProbe.options(oldPort, 2_000), "SIP answers on the configured port");
            assertEquals(302, post(url, "sipgateway.sip.port=" + newPort + "&csrf=" + csrf).statusCode());
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(30), () -> SipProbe.options(newPort, 1_000)),
                    "the new SIP port answers OPTIONS");
            assertTrue(!SipProbe.options(oldPort, 1_000), "the old SIP port is closed");
        }
    }

    @Test
    void pagesSpeakTheAdminConsolesLanguage() throws Exception {
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("admin-pages-de"))) {
            openfire.process().setLocale("de", Duration.ofSeconds(20));
            final String settings = get(openfire.adminUrl("/plugins/sipgateway/settings")).body();
            assertTrue(settings.contains("Einstellungen des SIP-Gateways") && settings.contains("Subdomain der Anrufsteuerung")
                    && settings.contains("SIP-Konten"), settings);
            final String status = get(openfire.adminUrl("/plugins/sipgateway/status")).body();
            assertTrue(status.contains("Status des SIP-Gateways") && status.contains("Laufende Anrufe"), status);
        }
    }

    private static void assertGateway(OpenfireFixture openfire, String address) throws Exception {
        try (TestXmppClient client = TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword())) {
            final DiscoverInfo info = client.discoInfo(address);
            assertTrue(info.hasIdentity("gateway", "sip"), address);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        final Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"").matcher(html);
        assertTrue(m.find(), "the form carries a CSRF token");
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
