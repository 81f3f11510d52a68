package org.sipgateway.plugin;

import static org.sipgateway.plugin.SettingKey.Group.CALL_CONTROL;
import static org.sipgateway.plugin.SettingKey.Group.DIAL_POLICY;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sipgateway.callcontrol.DialPolicy;
import org.sipgateway.conference.XmppServerConfig;

/**
 * Dial-out: who may dial what and how much ({@code sipgateway.dialout.*}, default deny: an empty allow-list lets
 * nothing be dialled), and the brewery membership ({@code sipgateway.brewery.*}, empty room = not in a brewery).
 */
final class DialOutSettings {
    static final SettingKey<String> ALLOWED = SettingKey.of("sipgateway.dialout.allowed", DIAL_POLICY, "",
            SettingParsers.checkedBy(DialPolicy.Rules::patterns));
    static final SettingKey<String> WHO = SettingKey.of("sipgateway.dialout.who", DIAL_POLICY, "moderators",
            SettingParsers.oneOf("moderators", "occupants"));
    /** Empty: the Openfire domain and the conference domain; {@code *}: any domain. */
    static final SettingKey<String> DOMAINS = SettingKey.of("sipgateway.dialout.domains", DIAL_POLICY, "",
            SettingParsers.checkedBy(DialOutSettings::domains));
    static final SettingKey<Boolean> STAR_AND_HASH = SettingKey.of("sipgateway.dialout.star-and-hash", DIAL_POLICY,
            false, SettingParsers.bool());
    static final SettingKey<Integer> MAX_PER_ROOM = SettingKey.of("sipgateway.dialout.max-per-room", DIAL_POLICY, 2,
            SettingParsers.integer(0, 10_000));
    static final SettingKey<Integer> MAX_TOTAL = SettingKey.of("sipgateway.dialout.max-concurrent", DIAL_POLICY, 10,
            SettingParsers.integer(0, 100_000));
    static final SettingKey<Integer> PER_HOUR_ROOM = SettingKey.of("sipgateway.dialout.per-hour-per-room", DIAL_POLICY,
            20, SettingParsers.integer(0, 1_000_000));
    static final SettingKey<Integer> PER_HOUR_TOTAL = SettingKey.of("sipgateway.dialout.per-hour", DIAL_POLICY, 100,
            SettingParsers.integer(0, 1_000_000));
    static final SettingKey<String> PROXY = SettingKey.of("sipgateway.dialout.proxy", DIAL_POLICY, "",
            SettingParsers.checkedBy(DialOutSettings::proxy));

    static final SettingKey<String> BREWERY_ROOM = SettingKey.of("sipgateway.brewery.room", CALL_CONTROL, "",
            SettingParsers.checkedBy(DialOutSettings::roomJid));
    static final SettingKey<String> BREWERY_USERNAME = SettingKey.of("sipgateway.brewery.username", CALL_CONTROL, "",
            SettingParsers.text());
    static final SettingKey<String> BREWERY_PASSWORD = SettingKey.secret("sipgateway.brewery.password", CALL_CONTROL);
    static final SettingKey<String> BREWERY_TRUSTED = SettingKey.of("sipgateway.brewery.trusted-jids", CALL_CONTROL, "",
            SettingParsers.text());
    static final SettingKey<String> BREWERY_REGION = SettingKey.of("sipgateway.brewery.region", CALL_CONTROL, "",
            SettingParsers.text());
    static final SettingKey<Integer> BREWERY_REFRESH = SettingKey.of("sipgateway.brewery.stats-interval-seconds",
            CALL_CONTROL, 10, SettingParsers.integer(1, 3600));

    static final List<SettingKey<?>> POLICY_KEYS = List.of(ALLOWED, WHO, DOMAINS, STAR_AND_HASH, MAX_PER_ROOM, MAX_TOTAL,
            PER_HOUR_ROOM, PER_HOUR_TOTAL, PROXY);
    static final List<SettingKey<?>> BREWERY_KEYS = List.of(BREWERY_ROOM, BREWERY_USERNAME, BREWERY_PASSWORD,
            BREWERY_TRUSTED, BREWERY_REGION, BREWERY_REFRESH);

    private DialOutSettings() {
    }

    /**
     * The policy; rooms are those of the conference MUC service, requesters by default of this Openfire's domain and
     * the conference domain.
     *
     * @param localDomain this Openfire's XMPP domain
     */
    static DialPolicy policy(Settings s, Clock clock, String localDomain) {
        final XmppServerConfig conferences = ConferenceSettings.config(s, localDomain);
        return new DialPolicy(new DialPolicy.Rules(DialPolicy.Rules.patterns(s.get(ALLOWED)),
                DialPolicy.Who.valueOf(s.get(WHO).toUpperCase(Locale.ROOT)),
                requesterDomains(s.get(DOMAINS), localDomain, conferences.domain()), Set.of(conferences.mucService()),
                s.get(STAR_AND_HASH), s.get(MAX_PER_ROOM), s.get(MAX_TOTAL), s.get(PER_HOUR_ROOM),
                s.get(PER_HOUR_TOTAL)), clock);
    }

    /** The setting's domains; empty: this Openfire's and the conferences' domain; {@code *}: any (no rule). */
    static Set<String> requesterDomains(String raw, String localDomain, String conferenceDomain) {
        if (raw.trim().equals("*")) {
            return Set.of();
        }
        final Set<String> listed = domains(raw);
        return listed.isEmpty() ? Stream.of(localDomain, conferenceDomain).map(d -> d.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()) : listed;
    }

    static Set<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split("[,\\s]+")).map(String::trim).filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> domains(String raw) {
        if (raw.trim().equals("*")) {
            return Set.of();
        }
        final Set<String> domains = list(raw);
        for (String d : domains) {
            if (!d.matches("[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException("'" + d + "' is not a domain name");
            }
        }
        return domains;
    }

    private static String proxy(String raw) {
        if (!raw.matches("(?i)(sips?:)?[A-Za-z0-9.\\-\\[\\]:]+(;[A-Za-z0-9=._-]+)*")) {
            throw new IllegalArgumentException("must be host[:port] or a SIP URI such as sip:proxy.example.com:5060;transport=tcp");
        }
        return raw;
    }

    private static String roomJid(String raw) {
        if (!raw.matches("[^@/\\s]+@[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("must be a room JID such as JigasiBrewery@internal.auth.meet.example.com");
        }
        return raw;
    }
}
