package org.sipgateway.plugin;

import static org.sipgateway.plugin.SettingKey.Group.CALL_CONTROL;

import java.util.List;
import org.sipgateway.callcontrol.link.LinkConfig;

/**
 * Where the call-control component lives: inside this Openfire ({@code internal}), or as an XEP-0114 external
 * component of the Jitsi Meet deployment's own XMPP server ({@code external}, e.g. its Prosody).
 */
final class CallControlSettings {
    static final String INTERNAL = "internal";
    static final String EXTERNAL = "external";

    static final SettingKey<String> MODE = SettingKey.of("sipgateway.callcontrol.mode", CALL_CONTROL, INTERNAL,
            SettingParsers.oneOf(INTERNAL, EXTERNAL));
    static final SettingKey<String> EXTERNAL_HOST = SettingKey.of("sipgateway.callcontrol.external.host",
            CALL_CONTROL, "", SettingParsers.optionalHost());
    static final SettingKey<Integer> EXTERNAL_PORT = SettingKey.of("sipgateway.callcontrol.external.port",
            CALL_CONTROL, LinkConfig.DEFAULT_PORT, SettingParsers.port());
    static final SettingKey<String> EXTERNAL_SECRET = SettingKey.secret("sipgateway.callcontrol.external.secret",
            CALL_CONTROL);
    static final SettingKey<String> EXTERNAL_DOMAIN = SettingKey.of("sipgateway.callcontrol.external.domain",
            CALL_CONTROL, "", SettingParsers.optionalDomain());

    static final List<SettingKey<?>> KEYS = List.of(MODE, EXTERNAL_HOST, EXTERNAL_PORT, EXTERNAL_SECRET,
            EXTERNAL_DOMAIN);

    private CallControlSettings() {
    }

    static boolean external(Settings s) {
        return EXTERNAL.equals(s.get(MODE));
    }

    /**
     * The link to the remote server in external mode.
     *
     * @param localDomain this Openfire's XMPP domain, the last fallback for the component's domain
     * @throws IllegalArgumentException naming the setting that is missing
     */
    static LinkConfig link(Settings s, String localDomain) {
        if (s.get(EXTERNAL_HOST).isEmpty()) {
            throw new IllegalArgumentException(EXTERNAL_HOST.name() + " is empty: " + MODE.name() + "=external needs "
                    + "the address of the Jitsi Meet XMPP server's component port");
        }
        if (s.get(EXTERNAL_SECRET).isEmpty()) {
            throw new IllegalArgumentException(EXTERNAL_SECRET.name() + " is empty: " + MODE.name() + "=external "
                    + "needs the component_secret the XMPP server has for the component");
        }
        return LinkConfig.of(s.get(EXTERNAL_HOST), s.get(EXTERNAL_PORT), domain(s, localDomain), s.get(EXTERNAL_SECRET));
    }

    /** {@code sipgateway.callcontrol.external.domain}, else {@code <subdomain>.<conference domain>}. */
    static String domain(Settings s, String localDomain) {
        if (!s.get(EXTERNAL_DOMAIN).isEmpty()) {
            return s.get(EXTERNAL_DOMAIN);
        }
        final String conferences = s.get(ConferenceSettings.DOMAIN).isEmpty() ? localDomain : s.get(ConferenceSettings.DOMAIN);
        return s.get(Settings.CALLCONTROL_SUBDOMAIN) + "." + conferences;
    }
}
