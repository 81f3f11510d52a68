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
