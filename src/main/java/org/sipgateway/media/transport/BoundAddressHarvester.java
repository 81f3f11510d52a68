package org.sipgateway.media.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.ice4j.Transport;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.HarvestStatistics;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;

/** Host candidates on explicitly configured addresses, loopback included (ice4j's own host harvester skips loopback). */
final class BoundAddressHarvester implements CandidateHarvester {
    private final List<InetAddress> addresses;
    private final HarvestStatistics statistics = new HarvestStatistics();

    BoundAddressHarvester(List<InetAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public Collection<LocalCandidate> harvest(Component component) {
        List<LocalCandidate> found = new ArrayList<>();
        for (InetAddress address : addresses) {
            try {
                IceSocketWrapper socket = new IceUdpSocketWrapper(new MultiplexingDatagramSocket(0, address));
                HostCandidate candidate = new HostCandidate(socket, component, Transport.UDP);
                component.addLocalCandidate(candidate);
                candidate.getStunStack().addSocket(candidate.getStunSocket(null));
                if (component.getComponentSocket() != null)
                    component.getComponentSocket().add(socket);
                found.add(candidate);
            } catch (IOException e) {
                throw new IllegalStateException("cannot bind an ICE host candidate on " + address.getHostAddress() + ": " + e.getMessage(), e);
            }
        }
        return found;
    }

    @Override
    public HarvestStatistics getHarvestStatistics() { return statistics; }

    @Override
    public boolean isHostHarvester() { return true; }
}
