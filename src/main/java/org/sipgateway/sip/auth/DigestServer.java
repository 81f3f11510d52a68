package org.sipgateway.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server side of digest auth for inbound requests against one configured credential.
 * Nonces are stateless: time + HMAC, valid for a bounded age (RFC 7616 section 3.3, 5.4).
 */
public final class DigestServer {

    private static final long NONCE_LIFETIME_MS = 300_000;

    private final String realm;
    private final String username;
    private final String password;
    private final byte[] secret = new byte[32];
    private final Clock clock;
    private final List<DigestAlgorithm> algorithms;

    /** Challenges use SHA-256 then MD5 (RFC 8760 section 2.4: preferred first). */
    public DigestServer(String realm, String username, String password, Clock clock) {
        this(realm, username, password, clock, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));
    }

    /** @param algorithms challenge order; some MD5-only phones read only the first challenge */
    public DigestServer(String realm, String username, String password, Clock clock, List<DigestAlgorithm> algorithms) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("sipgateway.sip.inbound.digest-algorithms is empty");
        }
        this.algorithms = List.copyOf(algorithms);
        this.realm = realm;
        this.username = username;
        this.password = password;
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    /** One challenge per configured algorithm, in order (RFC 7616 section 3.7). */
    public List<String> challenges() {
        String nonce = newNonce();
        return algorithms.stream().map(a -> challenge(nonce, a)).toList();
    }

    private String challenge(String nonce, DigestAlgorithm algorithm) {
        return "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + algorithm.token()
                + ", qop=\"auth\"";
    }

    /** Whether an Authorization header value proves the configured credential for this request. */
    public boolean verify(String authorization, String method) {
        Map<String, String> p;
        try {
            p = DigestParameters.parse(authorization);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(p.get("algorithm"));
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        if (algorithm.isEmpty() || !algorithms.contains(algorithm.get()) || nonce == null || uri == null || response == null
                || !username.equals(p.get("username")) || !realm.equals(p.get("realm")) || !nonceValid(nonce)) {
            return false;
        }
        DigestAlgorithm a = algorithm.get();
        String ha1 = a.hex(username + ":" + realm + ":" + password);
        String ha2 = a.hex(method + ":" + uri);
        String expected = "auth".equalsIgnoreCase(p.get("qop"))
                ? a.hex(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2)
                : a.hex(ha1 + ":" + nonce + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    private String newNonce() {
        String time = Long.toHexString(clock.millis());
        return time + "." + mac(time);
    }

    private boolean nonceValid(String nonce) {
        int dot = nonce.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String time = nonce.substring(0, dot);
        if (!MessageDigest.isEqual(mac(time).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            long age = clock.millis() - Long.parseLong(time, 16);
            return age >= 0 && age < NONCE_LIFETIME_MS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
