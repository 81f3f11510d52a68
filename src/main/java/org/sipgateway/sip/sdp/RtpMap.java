package org.sipgateway.sip.sdp;

/** One {@code a=rtpmap} entry (RFC 4566 section 6). */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    public boolean isTelephoneEvent() {
        return "telephone-event".equalsIgnoreCase(encoding);
    }
}
