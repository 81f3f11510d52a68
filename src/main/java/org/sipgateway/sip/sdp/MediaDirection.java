package org.sipgateway.sip.sdp;

import java.util.Locale;

/** The SDP direction attribute of a media stream (RFC 3264 section 5.1, 6.1). */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute as written in SDP, e.g. {@code sendonly}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the answerer uses for an offered direction (RFC 3264 section 6.1). */
    public MediaDirection answerTo() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** Parses an attribute name, or returns null when the name is no direction. */
    public static MediaDirection fromAttribute(String name) {
        for (MediaDirection d : values()) {
            if (d.attribute().equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }
}
