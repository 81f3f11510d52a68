package org.sipgateway.media.transport;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP/SRTCP protection for one DTLS association (RFC 3711, AES_CM_128_HMAC_SHA1_80): the client writes with
 * the client key and reads with the server key, the server the other way round (RFC 5764 section 4.2).
 * Crypto contexts are derived per SSRC on first use.
 */
public final class SrtpSession implements AutoCloseable {
    private static final SrtpPolicy POLICY = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16,
        SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
    private final SrtpContextFactory sender;
    private final SrtpContextFactory receiver;
    private final Map<Integer, SrtpCryptoContext> sendContexts = new ConcurrentHashMap<>();
    private final Map<Integer, SrtpCryptoContext> receiveContexts = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> sendControlContexts = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> receiveControlContexts = new ConcurrentHashMap<>();

    public SrtpSession(SrtpKeyingMaterial keys, boolean dtlsClient) {
        LoggerImpl log = new LoggerImpl(SrtpSession.class.getName());
        byte[] writeKey = dtlsClient ? keys.clientKey() : keys.serverKey();
        byte[] writeSalt = dtlsClient ? keys.clientSalt() : keys.serverSalt();
        byte[] readKey = dtlsClient ? keys.serverKey() : keys.clientKey();
        byte[] readSalt = dtlsClient ? keys.serverSalt() : keys.clientSalt();
        sender = new SrtpContextFactory(true, writeKey, writeSalt, POLICY, POLICY, log);
        receiver = new SrtpContextFactory(false, readKey, readSalt, POLICY, POLICY, log);
    }

    /** Encrypts and authenticates an RTP packet; returns the protected bytes (a new array when it had to grow). */
    public byte[] protectRtp(byte[] packet, int length, int[] outLength) throws GeneralSecurityException {
        int ssrc = readInt(packet, 8);
        SrtpBuffer b = new SrtpBuffer(packet, 0, length);
        SrtpErrorStatus status = sendContexts.computeIfAbsent(ssrc, s -> derive(sender, s)).transformPacket(b);
        if (status != SrtpErrorStatus.OK)
            throw new GeneralSecurityException("SRTP protect failed: " + status);
        outLength[0] = b.getLength();
        return b.getBuffer();
    }

    /** Authenticates and decrypts in place; returns the plain length, or -1 if the packet is forged, replayed or broken. */
    public int unprotectRtp(byte[] packet, int offset, int length) {
        if (length < 12)
            return -1;
        int ssrc = readInt(packet, offset + 8);
        SrtpBuffer b = new SrtpBuffer(packet, offset, length);
        try {
            SrtpErrorStatus status = receiveContexts.computeIfAbsent(ssrc, s -> derive(receiver, s)).reverseTransformPacket(b, false);
            return status == SrtpErrorStatus.OK ? b.getLength() : -1;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    public byte[] protectRtcp(byte[] packet, int length, int[] outLength) throws GeneralSecurityException {
        int ssrc = readInt(packet, 4);
        SrtpBuffer b = new SrtpBuffer(packet, 0, length);
        SrtpErrorStatus status = sendControlContexts.computeIfAbsent(ssrc, s -> deriveControl(sender, s)).transformPacket(b);
        if (status != SrtpErrorStatus.OK)
            throw new GeneralSecurityException("SRTCP protect failed: " + status);
        outLength[0] = b.getLength();
        return b.getBuffer();
    }

    public int unprotectRtcp(byte[] packet, int offset, int length) {
        if (length < 8)
            return -1;
        int ssrc = readInt(packet, offset + 4);
        SrtpBuffer b = new SrtpBuffer(packet, offset, length);
        try {
            return receiveControlContexts.computeIfAbsent(ssrc, s -> deriveControl(receiver, s)).reverseTransformPacket(b)
                == SrtpErrorStatus.OK ? b.getLength() : -1;
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    private static SrtpCryptoContext derive(SrtpContextFactory factory, int ssrc) {
        try {
            return factory.deriveContext(ssrc, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTP context for SSRC " + Integer.toUnsignedString(ssrc) + ": " + e.getMessage(), e);
        }
    }

    private static SrtcpCryptoContext deriveControl(SrtpContextFactory factory, int ssrc) {
        try {
            return factory.deriveControlContext(ssrc);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTCP context for SSRC " + Integer.toUnsignedString(ssrc) + ": " + e.getMessage(), e);
        }
    }

    /** Protects and unprotects one packet with throw-away keys, so cipher selection happens now, not mid-call. */
    public static void warmUp() {
        byte[] m = new byte[SrtpKeyingMaterial.TOTAL_LENGTH];
        new java.security.SecureRandom().nextBytes(m);
        SrtpKeyingMaterial keys = SrtpKeyingMaterial.split(m);
        try (SrtpSession client = new SrtpSession(keys, true); SrtpSession server = new SrtpSession(keys, false)) {
            byte[] packet = new byte[12 + 160 + 16];
            packet[0] = (byte) 0x80;
            int[] length = new int[1];
            byte[] out = client.protectRtp(packet, 12 + 160, length);
            if (server.unprotectRtp(out, 0, length[0]) != 12 + 160)
                throw new GeneralSecurityException("a packet protected here does not unprotect");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SRTP self-test failed: " + e.getMessage(), e);
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    @Override
    public void close() {
        sender.close();
        receiver.close();
    }
}
