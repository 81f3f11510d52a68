package org.sipgateway.media.rtp;

import java.io.ByteArrayOutputStream;

/** Builds RTP packets (RFC 3550 section 5.1) with one-byte header extensions (RFC 8285 section 4.2). */
public final class RtpPacketBuilder {
    private int payloadType;
    private boolean marker;
    private int sequenceNumber;
    private long timestamp;
    private int ssrc;
    private final ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    private byte[] payload = new byte[0];
    private int payloadOffset;
    private int payloadLength;

    public RtpPacketBuilder payloadType(int pt) { this.payloadType = pt; return this; }

    public RtpPacketBuilder marker(boolean m) { this.marker = m; return this; }

    public RtpPacketBuilder sequenceNumber(int seq) { this.sequenceNumber = seq & 0xFFFF; return this; }

    public RtpPacketBuilder timestamp(long ts) { this.timestamp = ts & 0xFFFFFFFFL; return this; }

    public RtpPacketBuilder ssrc(int s) { this.ssrc = s; return this; }

    /** Adds a one-byte-header extension element: id 1..14, 1..16 value bytes. */
    public RtpPacketBuilder extension(int id, byte... value) {
        if (id < 1 || id > 14 || value.length < 1 || value.length > 16)
            throw new IllegalArgumentException("one-byte header extension needs id 1..14 and 1..16 bytes, got id "
                + id + " with " + value.length);
        extensions.write((id << 4) | (value.length - 1));
        extensions.write(value, 0, value.length);
        return this;
    }

    public RtpPacketBuilder payload(byte[] data, int off, int len) {
        this.payload = data;
        this.payloadOffset = off;
        this.payloadLength = len;
        return this;
    }

    public RtpPacketBuilder payload(byte[] data) { return payload(data, 0, data.length); }

    /** The packet, with {@code tailRoom} spare bytes at the end of the array (room for an SRTP auth tag). */
    public byte[] build(int tailRoom) {
        int extLength = extensions.size();
        int extWords = (extLength + 3) / 4;
        int headerLength = RtpPacket.FIXED_HEADER + (extLength > 0 ? 4 + 4 * extWords : 0);
        byte[] p = new byte[headerLength + payloadLength + tailRoom];
        p[0] = (byte) (0x80 | (extLength > 0 ? 0x10 : 0));
        p[1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        p[2] = (byte) (sequenceNumber >> 8);
        p[3] = (byte) sequenceNumber;
        putU32(p, 4, timestamp);
        putU32(p, 8, ssrc & 0xFFFFFFFFL);
        if (extLength > 0) {
            p[12] = (byte) 0xBE;
            p[13] = (byte) 0xDE;
            p[14] = (byte) (extWords >> 8);
            p[15] = (byte) extWords;
            System.arraycopy(extensions.toByteArray(), 0, p, 16, extLength); // the rest stays 0: padding
        }
        System.arraycopy(payload, payloadOffset, p, headerLength, payloadLength);
        return p;
    }

    /** Length of the packet {@link #build(int)} produces, without the tail room. */
    public int packetLength() {
        int extLength = extensions.size();
        return RtpPacket.FIXED_HEADER + (extLength > 0 ? 4 + 4 * ((extLength + 3) / 4) : 0) + payloadLength;
    }

    public byte[] build() { return build(0); }

    static void putU32(byte[] p, int at, long v) {
        p[at] = (byte) (v >> 24);
        p[at + 1] = (byte) (v >> 16);
        p[at + 2] = (byte) (v >> 8);
        p[at + 3] = (byte) v;
    }
}
