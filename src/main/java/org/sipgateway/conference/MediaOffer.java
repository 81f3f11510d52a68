package org.sipgateway.conference;

import java.util.List;

/** The parts of the focus's offer that media needs: the negotiated audio, the bridge's transport and its sources. */
public record MediaOffer(AudioNegotiation audio, JingleTransport bridge, List<RemoteSource> sources) {
    public MediaOffer {
        sources = List.copyOf(sources);
    }
}
