package org.sipgateway.conference;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Where conference participants log in (settings {@code sipgateway.xmpp.*}, see docs/CONFIGURATION.md).
 * The plugin layer fills it; everything here is plain values.
 *
 * @param host       server to connect to ({@code sipgateway.xmpp.host})
 * @param port       c2s port ({@code sipgateway.xmpp.port})
 * @param domain     XMPP domain of the conferences ({@code sipgateway.xmpp.domain})
 * @param mucService MUC service; empty = {@code conference.<domain>} ({@code sipgateway.xmpp.muc-service})
 * @param username   login: empty = anonymous, a bare name on {@code domain}, or a full JID {@code gw@auth.example.com}
 *                   on another domain ({@code sipgateway.xmpp.username})
 * @param password   password of that login ({@code sipgateway.xmpp.password})
 * @param tls        STARTTLS policy ({@code sipgateway.xmpp.tls})
 * @param timeout    bound on connect, login, join and every request
 * @param lobbyTimeout how long a caller waits in a room's lobby for a moderator ({@code sipgateway.xmpp.lobby-timeout-seconds})
 * @param focusJids  bare JIDs the conference focus (Jicofo) logs in as: only an occupant with one of these real JIDs
 *                   may start a call's Jingle session or forward dials from the brewery ({@code sipgateway.xmpp.focus-jids});
 *                   empty = {@code focus@auth.<domain>}, as a Jitsi Meet install creates it
 */
public record XmppServerConfig(String host, int port, String domain, String mucService, String username,
        String password, TlsPolicy tls, Duration timeout, Duration lobbyTimeout, Set<String> focusJids) {

    public XmppServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("sipgateway.xmpp.host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("sipgateway.xmpp.port must be 1..65535, got " + port);
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("sipgateway.xmpp.domain is empty");
        }
        mucService = mucService == null || mucService.isBlank() ? "conference." + domain : mucService.trim();
        username = username == null ? "" : username.trim();
        password = password == null ? "" : password;
        if (!username.isEmpty() && username.indexOf('@') == 0) {
            throw new IllegalArgumentException("sipgateway.xmpp.username '" + username + "' has no local part");
        }
        tls = tls == null ? TlsPolicy.defaultFor(host) : tls;
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
        lobbyTimeout = lobbyTimeout == null ? Duration.ofMinutes(5) : lobbyTimeout;
        focusJids = focusJids == null || focusJids.isEmpty() ? Set.of(defaultFocus(domain))
                : Set.copyOf(focusJids.stream().map(j -> j.trim().toLowerCase(Locale.ROOT)).toList());
    }

    /** With the default focus ({@code focus@auth.<domain>}). */
    public XmppServerConfig(String host, int port, String domain, String mucService, String username, String password,
            TlsPolicy tls, Duration timeout, Duration lobbyTimeout) {
        this(host, port, domain, mucService, username, password, tls, timeout, lobbyTimeout, null);
    }

    /** The focus of a Jitsi Meet install: Jicofo logs in as {@code focus} on {@code auth.<domain>}. */
    public static String defaultFocus(String domain) {
        return "focus@auth." + domain.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether this bare JID is the conference focus's. */
    public boolean isFocus(String bareJid) {
        return bareJid != null && focusJids.contains(bareJid.toLowerCase(Locale.ROOT));
    }

    /** This Openfire on 127.0.0.1:5222, anonymous login. */
    public static XmppServerConfig localDefault(String domain) {
        return new XmppServerConfig("127.0.0.1", 5222, domain, "", "", "", TlsPolicy.OPTIONAL, Duration.ofSeconds(15),
                Duration.ofMinutes(5));
    }

    public boolean anonymous() {
        return username.isEmpty();
    }

    /** The domain the login belongs to: the full JID's domain, else {@link #domain()}. */
    public String loginDomain() {
        final int at = username.indexOf('@');
        return at < 0 ? domain : username.substring(at + 1);
    }

    /** The local part to authenticate with. */
    public String loginName() {
        final int at = username.indexOf('@');
        return at < 0 ? username : username.substring(0, at);
    }

    public XmppServerConfig withLogin(String user, String pass) {
        return new XmppServerConfig(host, port, domain, mucService, user, pass, tls, timeout, lobbyTimeout, focusJids);
    }

    public XmppServerConfig withTls(TlsPolicy policy) {
        return new XmppServerConfig(host, port, domain, mucService, username, password, policy, timeout, lobbyTimeout,
                focusJids);
    }

    public XmppServerConfig withTimeouts(Duration requests, Duration lobby) {
        return new XmppServerConfig(host, port, domain, mucService, username, password, tls, requests, lobby, focusJids);
    }

    /** The same server whose focus logs in as one of these bare JIDs. */
    public XmppServerConfig withFocusJids(Set<String> jids) {
        return new XmppServerConfig(host, port, domain, mucService, username, password, tls, timeout, lobbyTimeout, jids);
    }

    @Override
    public String toString() {
        return "xmpp://" + (anonymous() ? "anonymous" : username) + "@" + host + ":" + port + " (domain " + domain
                + ", MUC " + mucService + ", TLS " + tls.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
