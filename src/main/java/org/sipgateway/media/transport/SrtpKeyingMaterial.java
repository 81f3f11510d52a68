package org.sipgateway.media.transport;

import java.util.Arrays;

/**
 * The DTLS-SRTP exporter output split into the client and server write keys and salts
 * (RFC 5764 section 4.2: client key | server key | client salt | server salt) for AES_CM_128_HMAC_SHA1_80.
 */
public record SrtpKeyingMaterial(byte[] clientKey, byte[] serverKey, byte[] clientSalt, byte[] serverSalt) {
    static final int KEY_LENGTH = 16;
    static final int SALT_LENGTH = 14;
    static final int TOTAL_LENGTH = 2 * (KEY_LENGTH + SALT_LENGTH);
    static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp"; // RFC 5764 section 4.2

    /** Exports the keys from a finished handshake (RFC 5705 exporter with the DTLS-SRTP label). */
    static SrtpKeyingMaterial exportFrom(org.bouncycastle.tls.TlsContext context) {
        return split(context.exportKeyingMaterial(EXPORTER_LABEL, null, TOTAL_LENGTH));
    }

    static SrtpKeyingMaterial split(byte[] m) {
        return new SrtpKeyingMaterial(Arrays.copyOfRange(m, 0, 16), Arrays.copyOfRange(m, 16, 32),
            Arrays.copyOfRange(m, 32, 46), Arrays.copyOfRange(m, 46, 60));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeyingMaterial k && Arrays.equals(clientKey, k.clientKey) && Arrays.equals(serverKey, k.serverKey)
            && Arrays.equals(clientSalt, k.clientSalt) && Arrays.equals(serverSalt, k.serverSalt);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(clientKey) * 31 + Arrays.hashCode(serverKey);
    }

    @Override
    public String toString() {
        return "SrtpKeyingMaterial[redacted]";
    }
}
