package org.sipgateway.plugin;

import static org.sipgateway.plugin.SettingKey.Group.CONFERENCE;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sipgateway.conference.TlsPolicy;
import org.sipgateway.conference.XmppServerConfig;

/** The {@code sipgateway.xmpp.*} settings: where conference participants log in. */
final class ConferenceSettings {
    static final SettingKey<String> HOST = SettingKey.of("sipgateway.xmpp.host", CONFERENCE, "127.0.0.1",
            SettingParsers.host());
    static final SettingKey<Integer> PORT = SettingKey.of("sipgateway.xmpp.port", CONFERENCE, 5222, SettingParsers.port());
    static final SettingKey<String> DOMAIN = SettingKey.of("sipgateway.xmpp.domain", CONFERENCE, "",
            SettingParsers.optionalHost());
    static final SettingKey<String> MUC_SERVICE = SettingKey.of("sipgateway.xmpp.muc-service", CONFERENCE, "",
            SettingParsers.optionalHost());
    static final SettingKey<String> USERNAME = SettingKey.of("sipgateway.xmpp.username", CONFERENCE, "",
            SettingParsers.text());
    static final SettingKey<String> PASSWORD = SettingKey.secret("sipgateway.xmpp.password", CONFERENCE);
    /** Empty: required toward another host, optional toward loopback ({@link TlsPolicy#defaultFor}). */
    static final SettingKey<String> TLS = SettingKey.of("sipgateway.xmpp.tls", CONFERENCE, "",
            SettingParsers.oneOf("required", "optional", "disabled"));
    static final SettingKey<Integer> LOBBY_TIMEOUT = SettingKey.of("sipgateway.xmpp.lobby-timeout-seconds", CONFERENCE,
            300, SettingParsers.integer(5, 3600));

    /** Who the conference focus (Jicofo) is, by real JID: empty = {@code focus@auth.<domain>}. */
    static final SettingKey<String> FOCUS_JIDS = SettingKey.of("sipgateway.xmpp.focus-jids", CONFERENCE, "",
            SettingParsers.checkedBy(ConferenceSettings::bareJids));

    static final List<SettingKey<?>> KEYS = List.of(HOST, PORT, DOMAIN, MUC_SERVICE, USERNAME, PASSWORD, TLS,
            LOBBY_TIMEOUT, FOCUS_JIDS);

    private ConferenceSettings() {
    }

    /** @param localDomain this Openfire's XMPP domain, used when {@code sipgateway.xmpp.domain} is empty */
    static XmppServerConfig config(Settings s, String localDomain) {
        final String domain = s.get(DOMAIN).isEmpty() ? localDomain : s.get(DOMAIN);
        final TlsPolicy tls = s.get(TLS).isEmpty() ? TlsPolicy.defaultFor(s.get(HOST))
                : TlsPolicy.valueOf(s.get(TLS).toUpperCase(Locale.ROOT));
        return new XmppServerConfig(s.get(HOST), s.get(PORT), domain, s.get(MUC_SERVICE), s.get(USERNAME),
                s.get(PASSWORD), tls, Duration.ofSeconds(15),
                Duration.ofSeconds(s.get(LOBBY_TIMEOUT)), bareJids(s.get(FOCUS_JIDS)));
    }

    /** Comma-separated bare JIDs ({@code focus@auth.meet.example.com}); the error names the one that is not. */
    static Set<String> bareJids(String raw) {
        final Set<String> jids = DialOutSettings.list(raw);
        for (String jid : jids) {
            if (!jid.matches("[^@/\\s\"&'<>:]+@[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException("'" + jid + "' is not a bare JID such as focus@auth.meet.example.com");
            }
        }
        return jids;
    }
}
