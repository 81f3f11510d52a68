package org.sipgateway.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Digest hash algorithms (RFC 7616 section 3.2); session variants are not supported. */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"), SHA_256("SHA-256", "SHA-256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The value of the algorithm= parameter. */
    public String token() {
        return token;
    }

    /** Lower-case hex of the hash of the UTF-8 bytes (RFC 7616 section 3.4.1). */
    public String hex(String data) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(md.digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM lacks " + jcaName, e);
        }
    }

    /** Parses a setting like "SHA-256,MD5"; the error names the unknown entry. */
    public static java.util.List<DigestAlgorithm> parseList(String text) {
        java.util.List<DigestAlgorithm> list = new java.util.ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                list.add(fromToken(part).orElseThrow(() -> new IllegalArgumentException(
                        "sipgateway.sip.inbound.digest-algorithms: unknown algorithm '" + part + "' (use SHA-256, MD5)")));
            }
        }
        return list;
    }

    /** Parses algorithm=; absent means MD5 (RFC 7616 section 3.3). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
