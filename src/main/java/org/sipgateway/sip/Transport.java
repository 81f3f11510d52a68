package org.sipgateway.sip;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** SIP transports the service can listen on (RFC 3261 section 18, TLS per section 26.2). */
public enum Transport {
    UDP, TCP, TLS;

    /** The transport parameter value, e.g. {@code udp}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a setting like "udp,tcp"; the error names the unknown entry. */
    public static Set<Transport> parseList(String text) {
        EnumSet<Transport> set = EnumSet.noneOf(Transport.class);
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                set.add(valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sipgateway.sip.transports: unknown transport '" + part
                        + "' (use udp, tcp, tls)", e);
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("sipgateway.sip.transports is empty (use e.g. udp,tcp)");
        }
        return set;
    }
}
