package org.sipgateway.media.codec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates encoders and decoders; decides once which Opus implementation this class loader uses. */
public final class CodecFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CodecFactory.class);
    private final boolean nativeOpus;
    private final OpusSettings opusSettings;

    public CodecFactory(OpusImplementation choice, OpusSettings opusSettings) {
        this.opusSettings = opusSettings;
        switch (choice) {
            case JAVA -> nativeOpus = false;
            case NATIVE -> {
                if (!NativeOpus.isAvailable())
                    throw new IllegalStateException("native Opus requested but libjnopus failed to load: "
                        + NativeOpus.failureReason());
                nativeOpus = true;
            }
            default -> nativeOpus = NativeOpus.isAvailable();
        }
        if (nativeOpus)
            LOG.info("Opus: using libopus through libjitsi JNI (libjnopus)");
        else
            LOG.info("Opus: using Concentus (pure Java){}", choice == OpusImplementation.JAVA
                ? " as configured" : ", native libjnopus unavailable: " + NativeOpus.failureReason());
    }

    public boolean usesNativeOpus() { return nativeOpus; }

    /** Encoder for {@code codec}; Opus encodes from PCM at {@code pcmRate} (8, 16, 24 or 48 kHz). */
    public AudioEncoder encoder(AudioCodec codec, int pcmRate) {
        return switch (codec) {
            case PCMU, PCMA -> new G711Encoder(codec);
            case G722 -> new G722Encoder();
            case OPUS -> nativeOpus ? new NativeOpusEncoder(pcmRate, opusSettings) : new ConcentusOpusEncoder(pcmRate, opusSettings);
        };
    }

    /** Decoder for {@code codec}; Opus decodes to PCM at {@code pcmRate}. */
    public AudioDecoder decoder(AudioCodec codec, int pcmRate) {
        return switch (codec) {
            case PCMU, PCMA -> new G711Decoder(codec);
            case G722 -> new G722Decoder();
            case OPUS -> nativeOpus ? new NativeOpusDecoder(pcmRate) : new ConcentusOpusDecoder(pcmRate);
        };
    }
}
