package org.sipgateway.media.transport;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sipgateway.media.Await;

/** A gateway-side (DTLS client, ICE controlled) and a bridge-side (DTLS server, ICE controlling) transport on loopback. */
final class TransportPair implements AutoCloseable {
    static final class Recorder implements BridgeTransport.Listener {
        final CountDownLatch connected = new CountDownLatch(1);
        final List<byte[]> packets = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override public void onConnected() { connected.countDown(); }

        @Override public void onFailed(String reason) { failures.add(reason); }

        @Override public void onRtp(byte[] p, int off, int len, long arrival) { packets.add(java.util.Arrays.copyOfRange(p, off, off + len)); }

        void awaitPackets(int n) throws InterruptedException {
            Await.until(n + " packets received", () -> packets.size() >= n, () -> packets.size() + " received, failures " + failures);
        }
    }

    final Recorder gatewayEvents = new Recorder();
    final Recorder bridgeEvents = new Recorder();
    final BridgeTransport gateway;
    final BridgeTransport bridge;

    TransportPair() throws IOException {
        DtlsIdentity gatewayId = DtlsIdentity.generate("gateway");
        DtlsIdentity bridgeId = DtlsIdentity.generate("bridge");
        gateway = new BridgeTransport(IceSettings.LOOPBACK, false, gatewayId, DtlsRole.CLIENT, gatewayEvents);
        bridge = new BridgeTransport(IceSettings.LOOPBACK, true, bridgeId, DtlsRole.SERVER, bridgeEvents);
    }

    void connect() throws InterruptedException {
        bridge.start(gateway.localIce(), gateway.localFingerprint());
        gateway.start(bridge.localIce(), bridge.localFingerprint());
        long bound = Await.GENEROUS.toSeconds();
        if (!gatewayEvents.connected.await(bound, TimeUnit.SECONDS) || !bridgeEvents.connected.await(bound, TimeUnit.SECONDS))
            throw new AssertionError("not connected: gateway " + gatewayEvents.failures + ", bridge " + bridgeEvents.failures);
    }

    @Override
    public void close() {
        gateway.close();
        bridge.close();
    }
}
