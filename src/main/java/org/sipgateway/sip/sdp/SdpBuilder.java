package org.sipgateway.sip.sdp;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes our SDP offers and answers. One instance per dialog: it keeps the o= session id and
 * raises the version for every new description (RFC 3264 section 8).
 */
public final class SdpBuilder {

    private static final int EVENT_PT_8K = 101;
    private static final int EVENT_PT_48K = 102;

    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    private long version = sessionId;

    /** An offer listing every preferred codec plus telephone-event (RFC 4733 section 7.1). */
    public synchronized String offer(LocalMedia local, List<AudioCodec> preference, MediaDirection direction) {
        StringBuilder m = new StringBuilder("m=audio ").append(local.port()).append(" RTP/AVP");
        StringBuilder a = new StringBuilder();
        boolean wideEvents = false;
        for (AudioCodec c : preference) {
            m.append(' ').append(c.defaultPayloadType());
            rtpmap(a, c.defaultPayloadType(), c.rtpmap(), c.fmtp());
            wideEvents |= c.rtpClockRate() == 48000;
        }
        m.append(' ').append(EVENT_PT_8K);
        rtpmap(a, EVENT_PT_8K, "telephone-event/8000", "0-16");
        if (wideEvents) {
            m.append(' ').append(EVENT_PT_48K);
            rtpmap(a, EVENT_PT_48K, "telephone-event/48000", "0-16");
        }
        return session(local) + m + "\r\n" + a + "a=ptime:20\r\na=" + direction.attribute() + "\r\n";
    }

    /** An answer with exactly the negotiated codec and the peer's event payload type. */
    public synchronized String answer(LocalMedia local, NegotiatedMedia media) {
        StringBuilder m = new StringBuilder("m=audio ").append(local.port()).append(" RTP/AVP ")
                .append(media.payloadType());
        StringBuilder a = new StringBuilder();
        rtpmap(a, media.payloadType(), media.codec().rtpmap(), media.codec().fmtp());
        if (media.hasTelephoneEvent()) {
            m.append(' ').append(media.telephoneEventPayloadType());
            rtpmap(a, media.telephoneEventPayloadType(),
                    "telephone-event/" + media.telephoneEventClockRate(), "0-16");
        }
        return session(local) + m + "\r\n" + a + "a=ptime:" + media.ptime() + "\r\na="
                + media.direction().attribute() + "\r\n";
    }

    private String session(LocalMedia local) {
        version++;
        String ipType = local.address().contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=sipgateway " + sessionId + " " + version + " IN " + ipType + " " + local.address() + "\r\n"
                + "s=sipgateway\r\n"
                + "c=IN " + ipType + " " + local.address() + "\r\n"
                + "t=0 0\r\n";
    }

    private static void rtpmap(StringBuilder a, int pt, String rtpmap, String fmtp) {
        a.append("a=rtpmap:").append(pt).append(' ').append(rtpmap).append("\r\n");
        if (!fmtp.isEmpty()) {
            a.append("a=fmtp:").append(pt).append(' ').append(fmtp).append("\r\n");
        }
    }
}
