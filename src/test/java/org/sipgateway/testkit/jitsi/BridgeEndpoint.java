package org.sipgateway.testkit.jitsi;

import java.util.List;

/**
 * The bridge's transport as the offer carries it: ICE ufrag/pwd, host candidates, and the sha-256 fingerprint of
 * its DTLS certificate (offered with setup="actpass").
 */
public record BridgeEndpoint(String ufrag, String password, String fingerprint, List<Candidate> candidates) {
    /** A host candidate (XEP-0176). */
    public record Candidate(String foundation, long priority, String ip, int port) { }

    public BridgeEndpoint {
        candidates = List.copyOf(candidates);
    }

    /** A transport nobody listens on: enough for signalling-only tests. */
    public static BridgeEndpoint placeholder(int port) {
        return new BridgeEndpoint("jvbufrag" + port, "jvbpasswordjvbpassword" + port,
                "8E:0C:AA:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD",
                List.of(new Candidate("1", 2130706431L, "127.0.0.1", port)));
    }
}
