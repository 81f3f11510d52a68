package org.sipgateway.callcontrol.link;

import java.time.Duration;

/**
 * Where an external component connects and how it behaves on the wire.
 *
 * @param host             the XMPP server's component listener (Prosody: {@code component_ports}, default 5347)
 * @param port             its port
 * @param domain           the component's address, e.g. {@code callcontrol.meet.example.com}
 * @param secret           the shared secret ({@code component_secret}); never logged
 * @param keepalive        a whitespace keepalive goes out after this much write silence; after this much read
 *                         silence an XEP-0199 ping, and after twice it the peer counts as dead
 * @param connectTimeout   TCP connect
 * @param handshakeTimeout from the start of an attempt to the server's {@code <handshake/>}
 * @param backoffMin       first reconnect delay; doubles per failure
 * @param backoffMax       largest reconnect delay
 * @param maxStanzaBytes   largest stanza accepted from the server
 * @param maxDepth         deepest element nesting accepted inside a stanza
 */
public record LinkConfig(String host, int port, String domain, String secret, Duration keepalive,
        Duration connectTimeout, Duration handshakeTimeout, Duration backoffMin, Duration backoffMax,
        int maxStanzaBytes, int maxDepth) {
    public static final int DEFAULT_PORT = 5347;

    public LinkConfig {
        require(host != null && !host.isBlank(), "no host");
        require(port > 0 && port < 65536, "port " + port + " is not 1-65535");
        require(domain != null && !domain.isBlank(), "no component domain");
        require(secret != null && !secret.isEmpty(), "no shared secret");
        require(positive(keepalive) && positive(connectTimeout) && positive(handshakeTimeout), "timeouts must be > 0");
        require(maxStanzaBytes >= 1024 && maxDepth >= 4, "stanza limits too small");
        new Backoff(backoffMin, backoffMax, 0, () -> 0); // checks the pair
    }

    /** The defaults: keepalive 30 s, connect and handshake 10 s each, backoff 1 s to 60 s, stanzas up to 512 KiB. */
    public static LinkConfig of(String host, int port, String domain, String secret) {
        return new LinkConfig(host, port, domain, secret, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60), 512 * 1024, 32);
    }

    public LinkConfig withKeepalive(Duration value) {
        return new LinkConfig(host, port, domain, secret, value, connectTimeout, handshakeTimeout, backoffMin,
                backoffMax, maxStanzaBytes, maxDepth);
    }

    public LinkConfig withBackoff(Duration min, Duration max) {
        return new LinkConfig(host, port, domain, secret, keepalive, connectTimeout, handshakeTimeout, min, max,
                maxStanzaBytes, maxDepth);
    }

    public LinkConfig withLimits(int stanzaBytes, int depth) {
        return new LinkConfig(host, port, domain, secret, keepalive, connectTimeout, handshakeTimeout, backoffMin,
                backoffMax, stanzaBytes, depth);
    }

    public LinkConfig withSecret(String value) {
        return new LinkConfig(host, port, domain, value, keepalive, connectTimeout, handshakeTimeout, backoffMin,
                backoffMax, maxStanzaBytes, maxDepth);
    }

    /** {@code callcontrol.meet.example.com via meet.example.com:5347}, for logs and pages. */
    public String describe() {
        return domain + " via " + host + ":" + port;
    }

    @Override
    public String toString() {
        return "LinkConfig[" + describe() + ", keepalive " + keepalive + ", backoff " + backoffMin + "-" + backoffMax
                + "]"; // the secret stays out
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
