package org.sipgateway.conference;

import java.util.Locale;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;

/** Setting {@code sipgateway.xmpp.tls}: whether the c2s connection must, may or must not use STARTTLS (RFC 6120 section 5). */
public enum TlsPolicy {
    REQUIRED(SecurityMode.required),
    OPTIONAL(SecurityMode.ifpossible),
    DISABLED(SecurityMode.disabled);

    private final SecurityMode securityMode;

    TlsPolicy(SecurityMode securityMode) {
        this.securityMode = securityMode;
    }

    SecurityMode securityMode() {
        return securityMode;
    }

    /**
     * The policy when none is configured: STARTTLS required toward another host (anyone on the path could strip an
     * offered STARTTLS and read the login, RFC 6120 section 5.3.1), optional toward loopback, which never leaves
     * this machine. Only literal loopback addresses and {@code localhost} count: a name is not resolved here.
     */
    public static TlsPolicy defaultFor(String host) {
        final String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        final String bare = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        final boolean loopback = bare.equals("localhost") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")
                || bare.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
        return loopback ? OPTIONAL : REQUIRED;
    }

    /** Parses {@code required}, {@code optional} or {@code disabled} (any case). */
    public static TlsPolicy parse(String value) {
        final String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (TlsPolicy p : values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("sipgateway.xmpp.tls must be required, optional or disabled, got '" + value + "'");
    }
}
