package org.sipgateway.media.rtp;

/** The client-to-mixer audio level header extension (RFC 6464): level in -dBov, 0 (loud) .. 127 (silent). */
public final class AudioLevel {
    public static final int SILENT = 127;
    public static final String URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    private AudioLevel() { }

    /** -dBov of a frame, RMS relative to the full-scale square wave (RFC 6464 section 4). */
    public static int of(short[] pcm, int offset, int samples) {
        if (samples <= 0)
            return SILENT;
        double sum = 0;
        for (int i = offset; i < offset + samples; i++)
            sum += (double) pcm[i] * pcm[i];
        double rms = Math.sqrt(sum / samples) / 32768.0;
        if (rms <= 0)
            return SILENT;
        double dbov = 20 * Math.log10(rms);
        return (int) Math.max(0, Math.min(SILENT, Math.round(-dbov)));
    }

    /** The extension byte: V flag (voice activity) in the top bit, level below (RFC 6464 section 3). */
    public static byte encode(int level, boolean voiceActivity) {
        return (byte) ((voiceActivity ? 0x80 : 0) | Math.max(0, Math.min(SILENT, level)));
    }

    public static int level(byte extensionValue) {
        return extensionValue & 0x7F;
    }

    public static boolean voiceActivity(byte extensionValue) {
        return (extensionValue & 0x80) != 0;
    }
}
