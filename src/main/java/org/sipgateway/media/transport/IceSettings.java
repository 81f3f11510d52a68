package org.sipgateway.media.transport;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * How the ICE agent gathers candidates: host candidates on {@code hostAddresses} (e.g. 127.0.0.1 in tests, the
 * public interface on a server), or on every interface when that list is empty; one srflx harvester per STUN
 * server; one relay harvester per TURN server (RFC 8656, long-term credentials). Cloud metadata mapping is ice4j's
 * own system property {@code ice4j.harvest.mapping.aws.enabled}.
 */
public record IceSettings(List<String> hostAddresses, List<InetSocketAddress> stunServers, List<TurnServer> turnServers) {
    /** A TURN server and the long-term credentials to allocate relays on it. */
    public record TurnServer(String host, int port, String username, String password) {
        @Override
        public String toString() {
            return username + "@" + host + ":" + port; // never the password
        }
    }

    public static final IceSettings LOOPBACK = new IceSettings(List.of("127.0.0.1"), List.of(), List.of());

    public IceSettings {
        hostAddresses = List.copyOf(hostAddresses);
        stunServers = List.copyOf(stunServers);
        turnServers = List.copyOf(turnServers);
    }
}
