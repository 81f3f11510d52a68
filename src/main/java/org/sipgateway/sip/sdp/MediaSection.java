package org.sipgateway.sip.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One m= section of a parsed SDP.
 *
 * @param direction  the section's own direction attribute, or null when it has none
 * @param ptime      packet time in ms, or 0 when absent
 * @param connectionAddress the section's own c= address, or null when the session's applies
 */
public record MediaSection(String media, int port, String protocol, List<Integer> formats,
                           Map<Integer, RtpMap> rtpMaps, Map<Integer, String> fmtps,
                           MediaDirection direction, int ptime, String connectionAddress) {

    /** The rtpmap for a payload type, falling back to the RFC 3551 static table. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        RtpMap explicit = rtpMaps.get(payloadType);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return AudioCodec.byStaticPayloadType(payloadType)
                .map(c -> new RtpMap(payloadType, c.name(), c.rtpClockRate(), c.channels()));
    }
}
