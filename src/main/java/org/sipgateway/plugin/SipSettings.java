package org.sipgateway.plugin;

import static org.sipgateway.plugin.SettingKey.Group.SIP_ACCOUNTS;
import static org.sipgateway.plugin.SettingKey.Group.SIP_TRANSPORT;

import java.util.List;
import java.util.Locale;
import org.sipgateway.sip.SipAccount;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.TlsSettings;
import org.sipgateway.sip.Transport;
import org.sipgateway.sip.auth.Cidr;
import org.sipgateway.sip.auth.DigestAlgorithm;

/** The {@code sipgateway.sip.*} settings and the {@link SipConfig} they make. */
final class SipSettings {
    static final SettingKey<String> ADDRESS = SettingKey.of("sipgateway.sip.address", SIP_TRANSPORT, "127.0.0.1",
            SettingParsers.host());
    static final SettingKey<Integer> PORT = SettingKey.of("sipgateway.sip.port", SIP_TRANSPORT, 5060, SettingParsers.port());
    static final SettingKey<Integer> TLS_PORT = SettingKey.of("sipgateway.sip.tls.port", SIP_TRANSPORT, 5061,
            SettingParsers.port());
    static final SettingKey<String> TRANSPORTS = SettingKey.of("sipgateway.sip.transports", SIP_TRANSPORT, "udp,tcp",
            SettingParsers.checkedBy(Transport::parseList));
    static final SettingKey<String> PUBLIC_ADDRESS = SettingKey.of("sipgateway.sip.public-address", SIP_TRANSPORT, "",
            SettingParsers.optionalHost());
    static final SettingKey<String> TRUSTED_PEERS = SettingKey.of("sipgateway.sip.trusted-peers", SIP_TRANSPORT, "",
            SettingParsers.checkedBy(Cidr::parseList));
    static final SettingKey<String> INBOUND_USERNAME = SettingKey.of("sipgateway.sip.inbound.username", SIP_TRANSPORT,
            "", SettingParsers.text());
    static final SettingKey<String> INBOUND_PASSWORD = SettingKey.secret("sipgateway.sip.inbound.password", SIP_TRANSPORT);
    static final SettingKey<String> REALM = SettingKey.of("sipgateway.sip.realm", SIP_TRANSPORT, "sipgateway",
            SettingParsers.text());
    static final SettingKey<String> DIGEST_ALGORITHMS = SettingKey.of("sipgateway.sip.inbound.digest-algorithms",
            SIP_TRANSPORT, "SHA-256,MD5", SettingParsers.checkedBy(DigestAlgorithm::parseList));
    static final SettingKey<Integer> AUTH_FAILURE_LIMIT = SettingKey.of("sipgateway.sip.auth-failure-limit",
            SIP_TRANSPORT, 5, SettingParsers.integer(1, 1000));
    static final SettingKey<String> CODECS = SettingKey.of("sipgateway.sip.codecs", SIP_TRANSPORT, "opus,G722,PCMU,PCMA",
            SettingParsers.checkedBy(raw -> SipConfig.builder().codecs(raw)));
    static final SettingKey<Integer> INVITE_TIMEOUT = SettingKey.of("sipgateway.sip.invite-timeout", SIP_TRANSPORT, 60,
            SettingParsers.integer(1, 600));
    static final SettingKey<Integer> SESSION_EXPIRES = SettingKey.of("sipgateway.sip.session-expires", SIP_TRANSPORT,
            1800, SettingParsers.integer(90, 86400));
    static final SettingKey<Integer> MIN_SE = SettingKey.of("sipgateway.sip.min-se", SIP_TRANSPORT, 90,
            SettingParsers.integer(90, 86400));
    static final SettingKey<Boolean> REFRESH_WITH_UPDATE = SettingKey.of("sipgateway.sip.refresh-with-update",
            SIP_TRANSPORT, false, SettingParsers.bool());
    static final SettingKey<Integer> KEEPALIVE = SettingKey.of("sipgateway.sip.keepalive", SIP_TRANSPORT, 30,
            SettingParsers.integer(0, 3600));
    static final SettingKey<String> TLS_KEYSTORE = SettingKey.of("sipgateway.sip.tls.keystore", SIP_TRANSPORT, "",
            SettingParsers.text());
    static final SettingKey<String> TLS_KEYSTORE_PASSWORD = SettingKey.secret("sipgateway.sip.tls.keystore-password",
            SIP_TRANSPORT);
    static final SettingKey<String> TLS_KEYSTORE_TYPE = SettingKey.of("sipgateway.sip.tls.keystore-type", SIP_TRANSPORT,
            "PKCS12", SettingParsers.oneOf("pkcs12", "jks"));
    static final SettingKey<String> OUTBOUND_PROXY = SettingKey.of("sipgateway.sip.outbound-proxy", SIP_TRANSPORT, "",
            SettingParsers.text());
    static final SettingKey<Integer> RETRY_MIN = SettingKey.of("sipgateway.sip.register.retry-min", SIP_ACCOUNTS, 5,
            SettingParsers.integer(1, 3600));
    static final SettingKey<Integer> RETRY_MAX = SettingKey.of("sipgateway.sip.register.retry-max", SIP_ACCOUNTS, 300,
            SettingParsers.integer(1, 86400));
    static final SettingKey<String> TLS_TRUSTSTORE = SettingKey.of("sipgateway.sip.tls.truststore", SIP_TRANSPORT, "",
            SettingParsers.text());
    static final SettingKey<String> TLS_TRUSTSTORE_PASSWORD = SettingKey.secret("sipgateway.sip.tls.truststore-password",
            SIP_TRANSPORT);
    static final SettingKey<String> USER_AGENT = SettingKey.of("sipgateway.sip.user-agent", SIP_TRANSPORT, "sipgateway",
            SettingParsers.text());
    static final SettingKey<Boolean> ACCOUNT_REGISTER = SettingKey.of("sipgateway.sip.account.register", SIP_ACCOUNTS,
            true, SettingParsers.bool());
    static final SettingKey<String> ACCOUNT_USERNAME = SettingKey.of("sipgateway.sip.account.username", SIP_ACCOUNTS, "",
            SettingParsers.text());
    static final SettingKey<String> ACCOUNT_PASSWORD = SettingKey.secret("sipgateway.sip.account.password", SIP_ACCOUNTS);
    static final SettingKey<String> ACCOUNT_REGISTRAR = SettingKey.of("sipgateway.sip.account.registrar", SIP_ACCOUNTS,
            "", SettingParsers.text());
    static final SettingKey<String> ACCOUNT_DOMAIN = SettingKey.of("sipgateway.sip.account.domain", SIP_ACCOUNTS, "",
            SettingParsers.optionalHost());
    static final SettingKey<String> ACCOUNT_TRANSPORT = SettingKey.of("sipgateway.sip.account.transport", SIP_ACCOUNTS,
            "udp", SettingParsers.oneOf("udp", "tcp", "tls"));
    static final SettingKey<Integer> ACCOUNT_EXPIRES = SettingKey.of("sipgateway.sip.account.expires", SIP_ACCOUNTS, 600,
            SettingParsers.integer(30, 86400));

    static final List<SettingKey<?>> KEYS = List.of(ACCOUNT_USERNAME, ACCOUNT_PASSWORD, ACCOUNT_REGISTRAR, ACCOUNT_DOMAIN,
            ACCOUNT_TRANSPORT, ACCOUNT_EXPIRES, ACCOUNT_REGISTER, RETRY_MIN, RETRY_MAX, ADDRESS, PORT, TLS_PORT, TRANSPORTS, PUBLIC_ADDRESS, TRUSTED_PEERS,
            INBOUND_USERNAME, INBOUND_PASSWORD, REALM, DIGEST_ALGORITHMS, AUTH_FAILURE_LIMIT, CODECS, INVITE_TIMEOUT,
            SESSION_EXPIRES, MIN_SE, REFRESH_WITH_UPDATE, KEEPALIVE, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD,
            TLS_KEYSTORE_TYPE, TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD, OUTBOUND_PROXY, USER_AGENT);

    private SipSettings() {
    }

    /** @throws IllegalArgumentException naming the property when the values do not fit together */
    static SipConfig config(Settings s) {
        final SipConfig.Builder b = SipConfig.builder()
                .address(s.get(ADDRESS)).port(s.get(PORT)).tlsPort(s.get(TLS_PORT))
                .transports(s.get(TRANSPORTS)).publicAddress(s.get(PUBLIC_ADDRESS))
                .trustedPeers(s.get(TRUSTED_PEERS)).realm(s.get(REALM))
                .inboundDigestAlgorithms(s.get(DIGEST_ALGORITHMS)).authFailureLimit(s.get(AUTH_FAILURE_LIMIT))
                .codecs(s.get(CODECS)).inviteTimeoutSeconds(s.get(INVITE_TIMEOUT))
                .sessionExpiresSeconds(s.get(SESSION_EXPIRES)).minSessionExpiresSeconds(s.get(MIN_SE))
                .refreshWithUpdate(s.get(REFRESH_WITH_UPDATE)).keepaliveSeconds(s.get(KEEPALIVE))
                .retrySeconds(s.get(RETRY_MIN), s.get(RETRY_MAX)).userAgent(s.get(USER_AGENT));
        if (!s.get(OUTBOUND_PROXY).isEmpty()) {
            b.outboundProxy(s.get(OUTBOUND_PROXY));
        }
        if (!s.get(INBOUND_USERNAME).isEmpty()) {
            b.inboundCredential(s.get(INBOUND_USERNAME), s.get(INBOUND_PASSWORD));
        }
        if (!s.get(TLS_KEYSTORE).isEmpty()) {
            b.tls(new TlsSettings(s.get(TLS_KEYSTORE), s.get(TLS_KEYSTORE_PASSWORD),
                    s.get(TLS_KEYSTORE_TYPE).toUpperCase(Locale.ROOT), s.get(TLS_TRUSTSTORE),
                    s.get(TLS_TRUSTSTORE_PASSWORD)));
        }
        if (!s.get(ACCOUNT_USERNAME).isEmpty() || !s.get(ACCOUNT_REGISTRAR).isEmpty()) {
            b.account(new SipAccount(s.get(ACCOUNT_USERNAME), s.get(ACCOUNT_PASSWORD), s.get(ACCOUNT_REGISTRAR),
                    s.get(ACCOUNT_DOMAIN), Transport.parseList(s.get(ACCOUNT_TRANSPORT)).iterator().next(),
                    s.get(ACCOUNT_EXPIRES), s.get(ACCOUNT_REGISTER)));
        }
        return b.build();
    }
}
