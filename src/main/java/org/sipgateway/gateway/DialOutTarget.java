package org.sipgateway.gateway;

import org.sipgateway.sip.call.DialTarget;

/**
 * What a dial-out calls, as call control's policy sees it and the SIP side dials it: parsed once by the SIP layer
 * ({@link DialTarget}), so the canonical form an allow-list is matched against is the very URI that is dialled.
 */
public final class DialOutTarget {
    private final DialTarget parsed;

    private DialOutTarget(DialTarget parsed) {
        this.parsed = parsed;
    }

    /**
     * @param starAndHash whether {@code *} and {@code #} may be dialled ({@code sipgateway.dialout.star-and-hash})
     * @throws IllegalArgumentException naming the target and what is wrong with it
     */
    public static DialOutTarget parse(String raw, boolean starAndHash) {
        return new DialOutTarget(DialTarget.parse(raw, starAndHash));
    }

    /** The number ({@code +4930123456}) or the SIP URI rebuilt from its parts ({@code sip:alice@pbx.example.com}). */
    public String canonical() {
        return parsed.canonical();
    }

    public boolean isNumber() {
        return parsed.isNumber();
    }

    /** A value from a request as it may be shown in a log line or an error text: no control characters, bounded. */
    public static String printable(String value) {
        return DialTarget.printable(value);
    }

    DialTarget parsed() {
        return parsed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DialOutTarget t && t.parsed.equals(parsed);
    }

    @Override
    public int hashCode() {
        return parsed.hashCode();
    }

    @Override
    public String toString() {
        return parsed.canonical();
    }
}
