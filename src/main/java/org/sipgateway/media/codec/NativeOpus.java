package org.sipgateway.media.codec;

import org.jitsi.impl.neomedia.codec.audio.opus.Opus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether libjitsi's JNI Opus works in this class loader. libjitsi extracts libjnopus to a uniquely named temp
 * file (through JNA) and loads it for the class loader that loaded {@code Opus}, so a reloaded plugin, with a new
 * class loader, gets its own copy instead of "already loaded in another classloader". The probe runs once per
 * class loader and any failure (missing resource, no writable temp dir, wrong architecture) means "not available".
 */
public final class NativeOpus {
    private static final Logger LOG = LoggerFactory.getLogger(NativeOpus.class);
    private static volatile Boolean available;
    private static volatile String failure = "";
    private static final java.util.concurrent.atomic.AtomicInteger OPEN = new java.util.concurrent.atomic.AtomicInteger();

    private NativeOpus() { }

    public static boolean isAvailable() {
        Boolean a = available;
        if (a == null) {
            synchronized (NativeOpus.class) {
                if (available == null)
                    available = probe();
                a = available;
            }
        }
        return a;
    }

    /** Why the native library is not available ("" when it is). */
    public static String failureReason() {
        isAvailable();
        return failure;
    }

    /** libopus encoders and decoders created and not yet destroyed (a leak check: back to its baseline after close). */
    public static int openHandles() { return OPEN.get(); }

    static void opened() { OPEN.incrementAndGet(); }

    static void destroyed() { OPEN.decrementAndGet(); }

    private static boolean probe() {
        try {
            long decoder = Opus.decoder_create(8000, 1);
            if (decoder == 0) {
                failure = "opus_decoder_create returned null";
                return false;
            }
            Opus.decoder_destroy(decoder);
            return true;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError after a failed static init
            failure = t.toString();
            LOG.debug("libjnopus unavailable", t);
            return false;
        }
    }
}
