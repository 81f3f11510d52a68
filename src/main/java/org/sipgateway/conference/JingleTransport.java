package org.sipgateway.conference;

import java.util.List;

/** One side's ICE agent and DTLS certificate: what a Jingle ice-udp transport element carries (XEP-0176, XEP-0320). */
public record JingleTransport(String ufrag, String password, List<JingleCandidate> candidates, DtlsFingerprint fingerprint) {
    public JingleTransport {
        candidates = List.copyOf(candidates);
    }
}
