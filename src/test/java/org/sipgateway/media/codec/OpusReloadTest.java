package org.sipgateway.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.jitsi.impl.neomedia.codec.audio.opus.Opus;
import org.junit.jupiter.api.Test;

/**
 * A plugin reload gives the media classes a new class loader; native Opus (libjnopus) must still load there, and
 * SRTP, whose jitsi-srtp also loads a native library (OpenSSL AES) or falls back to Java AES, must still work.
 */
class OpusReloadTest {
    @Test
    void eachNewClassLoaderGetsWorkingNativeOpus() throws Exception {
        assertTrue(new CodecFactory(OpusImplementation.AUTO, OpusSettings.SPEECH).usesNativeOpus(), "native Opus in the test loader");
        URL[] path = isolatedClassPath();
        List<Class<?>> loaded = new ArrayList<>();
        for (int reload = 0; reload < 2; reload++) {
            try (URLClassLoader plugin = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
                Class<?> probe = Class.forName(ReloadProbe.class.getName(), true, plugin);
                loaded.add(probe);
                int samples = (int) probe.getMethod("decodedSamples").invoke(null);
                assertEquals(160, samples, "reload " + reload + ": native Opus decoded one 20 ms frame at 8 kHz");
                assertTrue((boolean) probe.getMethod("srtpWorks").invoke(null), "reload " + reload + ": SRTP protect/unprotect");
            }
        }
        assertNotSame(loaded.get(0), loaded.get(1), "two distinct class loaders");
    }

    private static URL[] isolatedClassPath() {
        Class<?>[] anchors = { CodecFactory.class, ReloadProbe.class, Opus.class, org.jitsi.utils.JNIUtils.class,
            com.sun.jna.Native.class, org.slf4j.LoggerFactory.class, io.github.jaredmdobson.concentus.OpusDecoder.class,
            org.jitsi.srtp.SrtpContextFactory.class, org.bouncycastle.crypto.engines.AESEngine.class, kotlin.Unit.class,
            org.bouncycastle.tls.DTLSTransport.class, org.bouncycastle.util.Arrays.class, org.ice4j.ice.Agent.class };
        List<URL> urls = new ArrayList<>();
        for (Class<?> c : anchors) {
            URL u = c.getProtectionDomain().getCodeSource().getLocation();
            if (!urls.contains(u))
                urls.add(u);
        }
        return urls.toArray(new URL[0]);
    }

    /** Loaded again inside each simulated plugin class loader. */
    public static final class ReloadProbe {
        public static boolean srtpWorks() {
            org.sipgateway.media.transport.SrtpSession.warmUp(); // throws if protect/unprotect fail
            return true;
        }

        public static int decodedSamples() {
            CodecFactory factory = new CodecFactory(OpusImplementation.NATIVE, OpusSettings.SPEECH);
            short[] frame = new short[160];
            byte[] payload = new byte[400];
            try (AudioEncoder enc = factory.encoder(AudioCodec.OPUS, 8000); AudioDecoder dec = factory.decoder(AudioCodec.OPUS, 8000)) {
                int n = enc.encode(frame, 0, 160, payload, 0);
                return dec.decode(payload, 0, n, frame, 0);
            }
        }
    }
}
