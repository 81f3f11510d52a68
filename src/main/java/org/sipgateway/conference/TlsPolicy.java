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
