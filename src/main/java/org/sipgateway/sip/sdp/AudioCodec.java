package org.sipgateway.sip.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An audio codec the SIP leg can offer or accept.
 *
 * @param name          encoding name as in a=rtpmap (case-insensitive on the wire)
 * @param rtpClockRate  RTP clock rate in the rtpmap (G722 says 8000: RFC 3551 section 4.5.2)
 * @param sampleRate    real audio sample rate the media engine runs the codec at
 * @param channels      channels in the rtpmap (opus is always "/2": RFC 7587 section 7)
 * @param staticPayloadType RFC 3551 static payload type, or -1 for a dynamic one
 * @param defaultPayloadType payload type used in our own offers
 * @param fmtp          format parameters we send, or empty
 */
public record AudioCodec(String name, int rtpClockRate, int sampleRate, int channels,
                         int staticPayloadType, int defaultPayloadType, String fmtp) {

    public static final AudioCodec PCMU = new AudioCodec("PCMU", 8000, 8000, 1, 0, 0, "");
    public static final AudioCodec PCMA = new AudioCodec("PCMA", 8000, 8000, 1, 8, 8, "");
    public static final AudioCodec G722 = new AudioCodec("G722", 8000, 16000, 1, 9, 9, "");
    public static final AudioCodec OPUS = new AudioCodec("opus", 48000, 48000, 2, -1, 111, "useinbandfec=1");

    /** Every codec the gateway knows, in the default preference order. */
    public static final List<AudioCodec> KNOWN = List.of(OPUS, G722, PCMU, PCMA);

    /** The rtpmap value, e.g. {@code PCMU/8000} or {@code opus/48000/2}. */
    public String rtpmap() {
        return channels > 1 ? name + "/" + rtpClockRate + "/" + channels : name + "/" + rtpClockRate;
    }

    /** Whether an offered rtpmap (name, clock rate) means this codec. */
    public boolean matches(String encodingName, int clockRate) {
        return name.equalsIgnoreCase(encodingName) && rtpClockRate == clockRate;
    }

    /** Looks a codec up by name (case-insensitive), e.g. from a setting "opus,G722,PCMU". */
    public static Optional<AudioCodec> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return KNOWN.stream().filter(c -> c.name.toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    /** The static codec for an RTP payload type without rtpmap (RFC 3551 table 4). */
    public static Optional<AudioCodec> byStaticPayloadType(int pt) {
        return KNOWN.stream().filter(c -> c.staticPayloadType == pt).findFirst();
    }
}
