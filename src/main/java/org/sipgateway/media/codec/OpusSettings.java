package org.sipgateway.media.codec;

/** Encoder knobs; the defaults suit speech toward a Jitsi bridge. */
public record OpusSettings(int bitrate, int complexity, boolean inbandFec, boolean dtx) {
    public static final OpusSettings SPEECH = new OpusSettings(32000, 5, true, false);
}
