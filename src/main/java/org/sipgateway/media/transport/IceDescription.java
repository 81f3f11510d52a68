package org.sipgateway.media.transport;

import java.util.List;

/** An ICE agent's credentials and candidates, as exchanged in a Jingle transport element or SDP. */
public record IceDescription(String ufrag, String password, List<IceCandidate> candidates) {
    public IceDescription {
        candidates = List.copyOf(candidates);
    }
}
