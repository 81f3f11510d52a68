package org.sipgateway.callcontrol.link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The XEP-0114 handshake value. */
public final class Handshake {
    private Handshake() {
    }

    /**
     * XEP-0114 section 3: lower-case hex SHA-1 of the stream id followed by the shared secret (UTF-8). The secret
     * is used as written, as Prosody and Openfire compute it.
     */
    public static String digest(String streamId, String secret) {
        try {
            final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}
