package org.sipgateway.sip;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sipgateway.sip.auth.Cidr;
import org.sipgateway.sip.auth.DigestAlgorithm;
import org.sipgateway.sip.sdp.AudioCodec;

/**
 * Every SIP setting, filled by the plugin layer from {@code sipgateway.sip.*} properties
 * (docs/CONFIGURATION.md lists them). Build with {@link #builder()}; errors name the property.
 */
public record SipConfig(String address, int port, int tlsPort, Set<Transport> transports, String publicAddress,
                        List<Cidr> trustedPeers, String inboundUsername, String inboundPassword, String realm,
                        List<DigestAlgorithm> inboundDigestAlgorithms, int authFailureLimit, List<SipAccount> accounts, String outboundProxy,
                        List<AudioCodec> codecs, int inviteTimeoutSeconds, int sessionExpiresSeconds,
                        int minSessionExpiresSeconds, boolean refreshWithUpdate, TlsSettings tls, int keepaliveSeconds,
                        int retryMinSeconds, int retryMaxSeconds, String userAgent) {

    public SipConfig {
        transports = Set.copyOf(transports);
        trustedPeers = List.copyOf(trustedPeers);
        inboundDigestAlgorithms = List.copyOf(inboundDigestAlgorithms);
        accounts = List.copyOf(accounts);
        codecs = List.copyOf(codecs);
        checkPort(port, "sipgateway.sip.port");
        if (transports.contains(Transport.TLS)) {
            checkPort(tlsPort, "sipgateway.sip.tls.port");
            if (tls == null) {
                throw new IllegalArgumentException("sipgateway.sip.tls.keystore is required when transports include tls");
            }
        }
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("sipgateway.sip.codecs is empty");
        }
        if (minSessionExpiresSeconds < 2 || sessionExpiresSeconds < minSessionExpiresSeconds) {
            // RFC 4028 section 4 wants Min-SE >= 90 s on the wire; smaller values exist for tests only
            throw new IllegalArgumentException("sipgateway.sip.session-expires (" + sessionExpiresSeconds
                    + ") must be >= sipgateway.sip.min-se (" + minSessionExpiresSeconds + ") >= 2");
        }
        if (inviteTimeoutSeconds < 1) {
            throw new IllegalArgumentException("sipgateway.sip.invite-timeout must be >= 1 s");
        }
        if (retryMinSeconds < 1 || retryMaxSeconds < retryMinSeconds) {
            throw new IllegalArgumentException("sipgateway.sip.register.retry-min/-max must be 1 <= min <= max");
        }
    }

    /** Address for Contact, Via sent-by and SDP: the public one when set (NAT), else the bind address. */
    public String advertisedAddress() {
        return publicAddress != null && !publicAddress.isBlank() ? publicAddress : address;
    }

    /** The listening port of a transport. */
    public int portFor(Transport t) {
        return t == Transport.TLS ? tlsPort : port;
    }

    /** Whether inbound calls may be authenticated by digest (a credential is configured). */
    public boolean hasInboundCredential() {
        return inboundUsername != null && !inboundUsername.isBlank();
    }

    private static void checkPort(int p, String name) {
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + p);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults are the documented ones. */
    public static final class Builder {
        private String address = "127.0.0.1";
        private int port = 5060;
        private int tlsPort = 5061;
        private Set<Transport> transports = EnumSet.of(Transport.UDP, Transport.TCP);
        private String publicAddress;
        private List<Cidr> trustedPeers = List.of();
        private String inboundUsername;
        private String inboundPassword;
        private String realm = "sipgateway";
        private List<DigestAlgorithm> inboundDigestAlgorithms = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        private int authFailureLimit = 5;
        private final List<SipAccount> accounts = new ArrayList<>();
        private String outboundProxy;
        private List<AudioCodec> codecs = AudioCodec.KNOWN;
        private int inviteTimeoutSeconds = 60;
        private int sessionExpiresSeconds = 1800;
        private int minSessionExpiresSeconds = 90;
        private boolean refreshWithUpdate;
        private TlsSettings tls;
        private int keepaliveSeconds = 30;
        private int retryMinSeconds = 5;
        private int retryMaxSeconds = 300;
        private String userAgent = "sipgateway";

        public Builder address(String v) { address = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder tlsPort(int v) { tlsPort = v; return this; }
        public Builder transports(Set<Transport> v) { transports = v; return this; }
        public Builder transports(String v) { transports = Transport.parseList(v); return this; }
        public Builder publicAddress(String v) { publicAddress = v; return this; }
        public Builder trustedPeers(String v) { trustedPeers = parseTrusted(v); return this; }
        public Builder inboundCredential(String user, String password) {
            inboundUsername = user;
            inboundPassword = password;
            return this;
        }
        public Builder realm(String v) { realm = v; return this; }
        public Builder inboundDigestAlgorithms(String v) { inboundDigestAlgorithms = DigestAlgorithm.parseList(v); return this; }
        public Builder authFailureLimit(int v) { authFailureLimit = v; return this; }
        public Builder account(SipAccount v) { accounts.add(v); return this; }
        public Builder outboundProxy(String v) { outboundProxy = v; return this; }
        public Builder codecs(List<AudioCodec> v) { codecs = v; return this; }
        public Builder codecs(String v) { codecs = parseCodecs(v); return this; }
        public Builder inviteTimeoutSeconds(int v) { inviteTimeoutSeconds = v; return this; }
        public Builder sessionExpiresSeconds(int v) { sessionExpiresSeconds = v; return this; }
        public Builder minSessionExpiresSeconds(int v) { minSessionExpiresSeconds = v; return this; }
        public Builder refreshWithUpdate(boolean v) { refreshWithUpdate = v; return this; }
        public Builder tls(TlsSettings v) { tls = v; return this; }
        /** TLS with one keystore that is also the truststore (see {@link TlsSettings} for a separate one). */
        public Builder tlsKeystore(String path, String password, String type) {
            tls = new TlsSettings(path, password, type, null, null);
            return this;
        }
        public Builder keepaliveSeconds(int v) { keepaliveSeconds = v; return this; }
        public Builder retrySeconds(int min, int max) { retryMinSeconds = min; retryMaxSeconds = max; return this; }
        public Builder userAgent(String v) { userAgent = v; return this; }

        public SipConfig build() {
            return new SipConfig(address, port, tlsPort, transports, publicAddress, trustedPeers, inboundUsername,
                    inboundPassword, realm, inboundDigestAlgorithms, authFailureLimit, accounts, outboundProxy, codecs, inviteTimeoutSeconds,
                    sessionExpiresSeconds, minSessionExpiresSeconds, refreshWithUpdate, tls, keepaliveSeconds, retryMinSeconds, retryMaxSeconds,
                    userAgent);
        }

        private static List<Cidr> parseTrusted(String v) {
            try {
                return Cidr.parseList(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sipgateway.sip.trusted-peers: " + e.getMessage(), e);
            }
        }

        private static List<AudioCodec> parseCodecs(String v) {
            List<AudioCodec> list = new ArrayList<>();
            for (String name : v.split("[,\\s]+")) {
                if (!name.isBlank()) {
                    list.add(AudioCodec.byName(name).orElseThrow(() -> new IllegalArgumentException(
                            "sipgateway.sip.codecs: unknown codec '" + name + "' (use opus, G722, PCMU, PCMA)")));
                }
            }
            return list;
        }
    }
}
