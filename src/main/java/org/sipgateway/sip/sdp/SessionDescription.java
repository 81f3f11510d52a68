package org.sipgateway.sip.sdp;

import java.util.List;
import java.util.Optional;

/** A parsed SDP body: what the offer/answer model needs of it, nothing more. */
public record SessionDescription(long sessionId, long sessionVersion, String originAddress,
                                 String connectionAddress, MediaDirection sessionDirection,
                                 List<MediaSection> media) {

    /** The first audio section with a non-zero port, if any (RFC 3264 section 5.1: port 0 = rejected). */
    public Optional<MediaSection> audio() {
        return media.stream().filter(m -> "audio".equals(m.media()) && m.port() != 0).findFirst();
    }

    /** Connection address for a section: its own c= line, else the session-level one. */
    public String connectionFor(MediaSection section) {
        return section.connectionAddress() != null ? section.connectionAddress() : connectionAddress;
    }

    /** Direction for a section: its own attribute, else the session's, else sendrecv (RFC 3264 section 5.1). */
    public MediaDirection directionFor(MediaSection section) {
        if (section.direction() != null) {
            return section.direction();
        }
        return sessionDirection != null ? sessionDirection : MediaDirection.SENDRECV;
    }
}
