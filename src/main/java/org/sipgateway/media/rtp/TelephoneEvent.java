package org.sipgateway.media.rtp;

/** The RFC 4733 telephone-event payload (section 2.3): event, end flag, volume, duration. */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    public static final int LENGTH = 4;
    private static final String DIGITS = "0123456789*#ABCD";

    public static TelephoneEvent parse(byte[] b, int off, int len) {
        if (len < LENGTH)
            return null;
        return new TelephoneEvent(b[off] & 0xFF, (b[off + 1] & 0x80) != 0, b[off + 1] & 0x3F,
            ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF));
    }

    public byte[] toBytes() {
        return new byte[] { (byte) event, (byte) ((end ? 0x80 : 0) | (volume & 0x3F)), (byte) (duration >> 8), (byte) duration };
    }

    /** Event code of a DTMF digit 0-9 * # A-D (RFC 4733 section 3.2), or -1. */
    public static int eventOf(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /** The DTMF digit of this event, or '?' for non-DTMF events. */
    public char digit() {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : '?';
    }
}
