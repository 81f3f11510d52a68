package org.sipgateway.sip.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One WWW-Authenticate / Proxy-Authenticate challenge and the client's answer to it
 * (RFC 3261 section 22.4, RFC 7616 section 3.4).
 */
public record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm,
                              boolean qopAuth, boolean stale) {

    /** Parses a challenge; empty when its algorithm is one we don't support (RFC 7616 section 3.7). */
    public static Optional<DigestChallenge> parse(String headerValue) {
        Map<String, String> p = DigestParameters.parse(headerValue);
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(p.get("algorithm"));
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        String nonce = p.get("nonce");
        if (nonce == null) {
            throw new IllegalArgumentException("digest challenge without nonce: '" + headerValue + "'");
        }
        boolean auth = p.containsKey("qop")
                && Arrays.stream(p.get("qop").split(",")).anyMatch(q -> q.strip().equalsIgnoreCase("auth"));
        return Optional.of(new DigestChallenge(p.getOrDefault("realm", ""), nonce, p.get("opaque"),
                algorithm.get(), auth, "true".equalsIgnoreCase(p.get("stale"))));
    }

    /** The first challenge we can answer, in the server's order of preference (RFC 7616 section 3.7). */
    public static Optional<DigestChallenge> choose(List<String> headerValues) {
        for (String v : headerValues) {
            try {
                Optional<DigestChallenge> c = parse(v);
                if (c.isPresent()) {
                    return c;
                }
            } catch (IllegalArgumentException ignored) {
                // another scheme (e.g. Basic) or broken: try the next challenge
            }
        }
        return Optional.empty();
    }

    /** The Authorization / Proxy-Authorization header value for one request. */
    public String authorize(String username, String password, String method, String uri, int nonceCount) {
        return authorize(username, password, method, uri, nonceCount,
                Long.toHexString(ThreadLocalRandom.current().nextLong()));
    }

    String authorize(String username, String password, String method, String uri, int nonceCount, String cnonce) {
        String ha1 = algorithm.hex(username + ":" + realm + ":" + password);
        String ha2 = algorithm.hex(method + ":" + uri);
        StringBuilder h = new StringBuilder("Digest username=\"").append(username)
                .append("\", realm=\"").append(realm).append("\", nonce=\"").append(nonce)
                .append("\", uri=\"").append(uri).append("\", algorithm=").append(algorithm.token());
        String response;
        if (qopAuth) {
            String nc = String.format("%08x", nonceCount);
            response = algorithm.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            response = algorithm.hex(ha1 + ":" + nonce + ":" + ha2);
        }
        h.append(", response=\"").append(response).append('"');
        if (opaque != null) {
            h.append(", opaque=\"").append(opaque).append('"');
        }
        return h.toString();
    }
}
