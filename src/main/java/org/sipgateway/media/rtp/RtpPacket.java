package org.sipgateway.media.rtp;

import java.util.Arrays;

/**
 * A parsed RTP packet (RFC 3550 section 5.1) over a byte range, with RFC 8285 header extensions
 * (one-byte and two-byte forms). Parsing checks lengths; it never copies the payload.
 */
public final class RtpPacket {
    public static final int FIXED_HEADER = 12;
    private static final int ONE_BYTE_PROFILE = 0xBEDE;   // RFC 8285 section 4.2
    private static final int TWO_BYTE_PROFILE_MASK = 0xFFF0; // 0x100X, RFC 8285 section 4.3

    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final int payloadOffset;
    private final int payloadLength;
    private final int extensionOffset; // first extension element, -1 if none
    private final int extensionEnd;
    private final boolean twoByteExtensions;

    private RtpPacket(byte[] buffer, int offset, int length, int payloadOffset, int payloadLength,
        int extensionOffset, int extensionEnd, boolean twoByteExtensions) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
        this.extensionOffset = extensionOffset;
        this.extensionEnd = extensionEnd;
        this.twoByteExtensions = twoByteExtensions;
    }

    /** Parses a packet, or returns null when the bytes are not a well-formed RTP version 2 packet. */
    public static RtpPacket parse(byte[] b, int off, int len) {
        if (len < FIXED_HEADER || (b[off] & 0xC0) != 0x80)
            return null;
        int csrcCount = b[off] & 0x0F;
        int pos = off + FIXED_HEADER + 4 * csrcCount;
        int end = off + len;
        int extStart = -1, extEnd = -1;
        boolean twoByte = false;
        if ((b[off] & 0x10) != 0) {
            if (pos + 4 > end)
                return null;
            int profile = u16(b, pos);
            int words = u16(b, pos + 2);
            extStart = pos + 4;
            extEnd = extStart + 4 * words;
            if (extEnd > end)
                return null;
            if (profile != ONE_BYTE_PROFILE && (profile & TWO_BYTE_PROFILE_MASK) != 0x1000)
                extStart = -1; // an extension we do not understand: skip it
            twoByte = profile != ONE_BYTE_PROFILE;
            pos = extEnd;
        }
        if ((b[off] & 0x20) != 0) { // padding: last octet counts the padding bytes (RFC 3550 section 5.1)
            int pad = b[end - 1] & 0xFF;
            if (pad == 0 || end - pad < pos)
                return null;
            end -= pad;
        }
        if (pos > end)
            return null;
        return new RtpPacket(b, off, len, pos, end - pos, extStart, extEnd, twoByte);
    }

    public int payloadType() { return buffer[offset + 1] & 0x7F; }

    public boolean marker() { return (buffer[offset + 1] & 0x80) != 0; }

    public int sequenceNumber() { return u16(buffer, offset + 2); }

    public long timestamp() { return u32(buffer, offset + 4); }

    public int ssrc() { return (int) u32(buffer, offset + 8); }

    public byte[] buffer() { return buffer; }

    public int offset() { return offset; }

    public int length() { return length; }

    public int payloadOffset() { return payloadOffset; }

    public int payloadLength() { return payloadLength; }

    public byte[] payload() { return Arrays.copyOfRange(buffer, payloadOffset, payloadOffset + payloadLength); }

    /** Value bytes of header extension {@code id}, or null when absent. */
    public byte[] extension(int id) {
        if (extensionOffset < 0 || id <= 0)
            return null;
        int pos = extensionOffset;
        while (pos < extensionEnd) {
            int elementId, elementLength, header;
            if (twoByteExtensions) {
                elementId = buffer[pos] & 0xFF;
                if (elementId == 0) { pos++; continue; } // padding
                if (pos + 1 >= extensionEnd)
                    return null;
                elementLength = buffer[pos + 1] & 0xFF;
                header = 2;
            } else {
                elementId = (buffer[pos] & 0xF0) >> 4;
                if (elementId == 0) { pos++; continue; } // padding
                if (elementId == 15)
                    return null; // reserved: stop parsing (RFC 8285 section 4.2)
                elementLength = (buffer[pos] & 0x0F) + 1;
                header = 1;
            }
            if (pos + header + elementLength > extensionEnd)
                return null;
            if (elementId == id)
                return Arrays.copyOfRange(buffer, pos + header, pos + header + elementLength);
            pos += header + elementLength;
        }
        return null;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    @Override
    public String toString() {
        return "RTP[pt=" + payloadType() + " seq=" + sequenceNumber() + " ts=" + timestamp()
            + " ssrc=" + Integer.toUnsignedString(ssrc()) + " payload=" + payloadLength + "]";
    }
}
