package org.sipgateway.media.transport;

import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.StunCandidateHarvester;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.security.LongTermCredential;

/**
 * One ICE agent with one audio stream and one component (rtcp-mux, RFC 5761): gathers local candidates at
 * construction, then checks against the remote description; {@link #connected()} completes with the component
 * socket once a pair is selected, or exceptionally when ICE fails.
 */
public final class IceTransport implements AutoCloseable {
    private static final String STREAM = "audio";
    private final Agent agent;
    private final Component component;
    private final CompletableFuture<DatagramSocket> connected = new CompletableFuture<>();
    private final PropertyChangeListener stateListener = event -> onState(event.getNewValue());

    public IceTransport(boolean controlling, IceSettings settings) throws IOException {
        agent = new Agent();
        try {
            agent.setControlling(controlling);
            agent.setLoggingLevel(java.util.logging.Level.WARNING); // ice4j logs every pair state at INFO, per call
            if (!settings.hostAddresses().isEmpty()) {
                agent.setUseDynamicPorts(false); // no interface scan: only the configured addresses
                agent.addCandidateHarvester(new BoundAddressHarvester(resolve(settings.hostAddresses())));
            }
            for (var stun : settings.stunServers())
                agent.addCandidateHarvester(new StunCandidateHarvester(
                    new TransportAddress(stun.getHostString(), stun.getPort(), Transport.UDP))); // resolved here, per call
            for (IceSettings.TurnServer turn : settings.turnServers())
                agent.addCandidateHarvester(new TurnCandidateHarvester(new TransportAddress(turn.host(), turn.port(), Transport.UDP),
                    new LongTermCredential(turn.username(), turn.password())));
            IceMediaStream stream = agent.createMediaStream(STREAM);
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, true);
            agent.addStateChangeListener(stateListener);
        } catch (IOException | RuntimeException e) {
            agent.free();
            throw e;
        }
    }

    /** Our ufrag, password and candidates, for the Jingle answer. */
    public IceDescription localDescription() {
        List<IceCandidate> candidates = new ArrayList<>();
        for (LocalCandidate c : component.getLocalCandidates()) {
            TransportAddress a = c.getTransportAddress();
            TransportAddress related = c.getRelatedAddress();
            candidates.add(new IceCandidate(c.getFoundation(), component.getComponentID(), "udp", c.getPriority(),
                a.getHostAddress(), a.getPort(), c.getType().toString(),
                related == null ? null : related.getHostAddress(), related == null ? 0 : related.getPort(), 0));
        }
        return new IceDescription(agent.getLocalUfrag(), agent.getLocalPassword(), candidates);
    }

    /** Starts connectivity checks against the remote agent. */
    public void start(IceDescription remote) {
        IceMediaStream stream = agent.getStream(STREAM);
        stream.setRemoteUfrag(remote.ufrag());
        stream.setRemotePassword(remote.password());
        for (IceCandidate c : remote.candidates()) {
            if (c.component() != component.getComponentID() || !"udp".equalsIgnoreCase(c.protocol()))
                continue;
            TransportAddress address = new TransportAddress(c.ip(), c.port(), Transport.UDP);
            component.addRemoteCandidate(new RemoteCandidate(address, component, CandidateType.parse(c.type()),
                c.foundation(), c.priority(), null));
        }
        if (component.getRemoteCandidateCount() == 0) {
            connected.completeExceptionally(new IOException("no usable remote ICE candidate (need UDP, component 1)"));
            return;
        }
        agent.startConnectivityEstablishment();
    }

    /** Completes with the socket to send and receive media on, once ICE has selected a pair. */
    public CompletableFuture<DatagramSocket> connected() { return connected; }

    /** Sends one datagram on the selected pair. */
    public void send(byte[] data, int offset, int length) throws IOException {
        component.send(data, offset, length);
    }

    public boolean isControlling() { return agent.isControlling(); }

    private void onState(Object state) {
        if (state == IceProcessingState.COMPLETED || state == IceProcessingState.TERMINATED) {
            if (component.getSelectedPair() != null)
                connected.complete(component.getSocket());
        } else if (state == IceProcessingState.FAILED)
            connected.completeExceptionally(new IOException("ICE connectivity checks failed"));
    }

    @Override
    public void close() {
        agent.removeStateChangeListener(stateListener);
        connected.completeExceptionally(new IOException("ICE transport closed"));
        agent.free();
    }

    private static List<InetAddress> resolve(List<String> addresses) throws UnknownHostException {
        List<InetAddress> out = new ArrayList<>();
        for (String a : addresses)
            out.add(InetAddress.getByName(a));
        return out;
    }
}
