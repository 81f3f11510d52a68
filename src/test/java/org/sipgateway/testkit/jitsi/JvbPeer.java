package org.sipgateway.testkit.jitsi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jitsi.xmpp.extensions.jingle.CandidatePacketExtension;
import org.jitsi.xmpp.extensions.jingle.DtlsFingerprintPacketExtension;
import org.jitsi.xmpp.extensions.jingle.IceUdpTransportPacketExtension;
import org.sipgateway.media.LocalBridgeDescription;
import org.sipgateway.media.TestBridge;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.transport.BridgeTransport;
import org.sipgateway.media.transport.IceCandidate;
import org.sipgateway.media.transport.IceDescription;

/**
 * Plays the videobridge behind the {@link FocusPeer}, with the media layer's real stacks (media's {@link TestBridge}:
 * ice4j as the controlling agent on 127.0.0.1, BouncyCastle DTLS server, jitsi-srtp, Opus speakers sending tones,
 * everything the gateway sends decoded per SSRC). This class speaks Jingle: it turns its transport into the
 * {@link BridgeEndpoint} of the offer and reads the gateway's transport from the session-accept.
 */
public final class JvbPeer implements AutoCloseable {
    private final TestBridge bridge;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "test-jvb-clock");
        t.setDaemon(true);
        return t;
    });
    private BridgeTransport pending;

    public JvbPeer(OpusImplementation opus) throws IOException {
        this.bridge = new TestBridge(opus);
    }

    /** Media's bridge, for its recordings (received audio per SSRC, audio levels, mids). */
    public TestBridge bridge() {
        return bridge;
    }

    /** This bridge's transport for the session-initiate. */
    public BridgeEndpoint endpoint() {
        return endpointOf(bridge.localIce());
    }

    private BridgeEndpoint endpointOf(IceDescription ice) {
        final List<BridgeEndpoint.Candidate> candidates = new ArrayList<>();
        for (IceCandidate c : ice.candidates()) {
            candidates.add(new BridgeEndpoint.Candidate(c.foundation(), c.priority(), c.ip(), c.port()));
        }
        return new BridgeEndpoint(ice.ufrag(), ice.password(), bridge.fingerprint(), candidates);
    }

    /** A speaker of the conference sending a tone; RED-wrapped (pt 112) when {@code red}. */
    public void addSpeaker(long ssrc, double frequency, double amplitude, boolean red) throws Exception {
        // on the sending thread: media's TestBridge keeps its speakers in a plain list
        clock.submit(() -> bridge.addSpeaker((int) ssrc, frequency, amplitude, red)).get(5, TimeUnit.SECONDS);
    }

    /**
     * A speaker whose audio comes from {@code nextFrame} (the next 20 ms at 48 kHz on every tick, null for silence),
     * e.g. a test signal started on cue; the returned speaker knows when each of its packets was sent.
     */
    public TestBridge.Speaker addLiveSpeaker(long ssrc, Supplier<short[]> nextFrame) throws Exception {
        return clock.submit(() -> bridge.addLiveSpeaker((int) ssrc, nextFrame)).get(5, TimeUnit.SECONDS);
    }

    /**
     * A speaker that forwards what {@code from} receives from {@code fromSsrc} (another gateway caller), frame by
     * frame, as the videobridge forwards one endpoint's audio to the others.
     */
    public void addRelaySpeaker(long ssrc, JvbPeer from, long fromSsrc) throws Exception {
        final int[] next = {-1};
        clock.submit(() -> bridge.addLiveSpeaker((int) ssrc, () -> {
            if (next[0] < 0) { // start with what arrives from now on
                next[0] = from.bridge.receivedPackets((int) fromSsrc);
            }
            final short[] frame = from.bridge.receivedFrame((int) fromSsrc, next[0]);
            if (frame != null) {
                next[0]++;
            }
            return frame;
        })).get(5, TimeUnit.SECONDS);
    }

    /** Starts ICE (controlling) and DTLS (server) toward the transport of the gateway's answer. */
    public void connect(IceUdpTransportPacketExtension gateway) {
        bridge.start(gatewayDescription(gateway));
    }

    public boolean awaitConnected(long millis) throws InterruptedException {
        return bridge.awaitConnected(millis);
    }

    /** Sends every speaker's 20 ms frame every 20 ms until {@link #close()}. */
    public void startSending() {
        clock.scheduleAtFixedRate(bridge::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Bridge migration, step 1: a new transport, returned as the endpoint for the transport-replace. */
    public BridgeEndpoint prepareMigration() throws IOException {
        pending = bridge.prepareReplacement();
        return endpointOf(pending.localIce());
    }

    /** Step 2: switch to it toward the gateway's transport-accept. */
    public void completeMigration(IceUdpTransportPacketExtension gateway) {
        bridge.switchTo(pending, gatewayDescription(gateway));
        pending = null;
    }

    /** Converts a Jingle transport (XEP-0176 with XEP-0320 fingerprint) into media's description. */
    static LocalBridgeDescription gatewayDescription(IceUdpTransportPacketExtension t) {
        final List<IceCandidate> candidates = new ArrayList<>();
        for (CandidatePacketExtension c : t.getCandidateList()) {
            candidates.add(new IceCandidate(c.getFoundation(), c.getComponent(), c.getProtocol(),
                    Integer.toUnsignedLong(c.getPriority()), c.getIP(), c.getPort(), c.getType().toString(), c.getRelAddr(),
                    c.getRelAddr() == null ? 0 : c.getRelPort(), c.getGeneration()));
        }
        final DtlsFingerprintPacketExtension fp = t.getFirstChildOfType(DtlsFingerprintPacketExtension.class);
        return new LocalBridgeDescription(new IceDescription(t.getUfrag(), t.getPassword(), candidates), fp.getHash(),
                fp.getFingerprint(), fp.getSetup());
    }

    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        clock.awaitTermination(2, TimeUnit.SECONDS);
        if (pending != null) {
            pending.close();
        }
        bridge.close();
    }
}
