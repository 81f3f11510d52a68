package org.sipgateway.media.transport;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * How the ICE agent gathers candidates: host candidates on {@code hostAddresses} (e.g. 127.0.0.1 in tests, the
 * public interface on a server), or on every interface when that list is empty; plus one srflx harvester per STUN
 * server. Cloud metadata mapping is ice4j's own system property {@code ice4j.harvest.mapping.aws.enabled}.
 */
public record IceSettings(List<String> hostAddresses, List<InetSocketAddress> stunServers)
{
    public static final IceSettings LOOPBACK = new IceSettings(List.of("127.0.0.1"), List.of());

    public IceSettings
    {
        hostAddresses = List.copyOf(hostAddresses);
        stunServers = List.copyOf(stunServers);
    }
}
