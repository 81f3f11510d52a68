package org.sipgateway.sip.auth;

import java.net.InetAddress;
import java.util.List;

/**
 * Decides whether an inbound INVITE may proceed: a trusted source network, or a valid digest
 * answer against the configured credential; everybody else is refused without a hint whether
 * any user exists.
 */
public final class InboundPolicy {

    /** What to do with one request. */
    public enum Verdict { ACCEPT, CHALLENGE, FORBIDDEN, RATE_LIMITED }

    private final List<Cidr> trusted;
    private final DigestServer digest;
    private final FailedAuthLimiter limiter;

    /** @param digest null when no inbound credential is configured (then only trusted peers get in) */
    public InboundPolicy(List<Cidr> trusted, DigestServer digest, FailedAuthLimiter limiter) {
        this.trusted = List.copyOf(trusted);
        this.digest = digest;
        this.limiter = limiter;
    }

    /**
     * @param authorization the request's Authorization header value, or null
     * @param method        the request method (part of the digest, RFC 7616 section 3.4.3)
     */
    public Verdict check(InetAddress source, String authorization, String method) {
        if (trusted.stream().anyMatch(c -> c.contains(source))) {
            return Verdict.ACCEPT;
        }
        String key = source.getHostAddress();
        if (limiter.isBlocked(key)) {
            return Verdict.RATE_LIMITED;
        }
        if (digest == null) {
            limiter.recordFailure(key);
            return Verdict.FORBIDDEN;
        }
        if (authorization == null) {
            return Verdict.CHALLENGE;
        }
        if (digest.verify(authorization, method)) {
            limiter.recordSuccess(key);
            return Verdict.ACCEPT;
        }
        limiter.recordFailure(key);
        return Verdict.FORBIDDEN;
    }

    /** Challenge values for a 401 (only meaningful when a credential is configured). */
    public List<String> challenges() {
        return digest == null ? List.of() : digest.challenges();
    }
}
