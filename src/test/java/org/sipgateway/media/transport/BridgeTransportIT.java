package org.sipgateway.media.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sipgateway.media.Await;
import org.sipgateway.media.rtp.RtpPacket;
import org.sipgateway.media.rtp.RtpPacketBuilder;

class BridgeTransportIT {
    @Test
    void iceDtlsSrtpOnLoopbackAgreesOnKeysAndCarriesRtpBothWays() throws Exception {
        try (TransportPair pair = new TransportPair()) {
            assertTrue(pair.gateway.localIce().candidates().stream().allMatch(c -> c.ip().equals("127.0.0.1")), "loopback only");
            assertEquals(64, pair.gateway.localFingerprint().length() - 31, "sha-256 fingerprint: 32 hex pairs");
            pair.connect();
            SrtpKeyingMaterial keys = pair.gateway.keyingMaterial();
            assertNotNull(keys);
            assertEquals(keys, pair.bridge.keyingMaterial(), "both ends exported the same SRTP keys");

            for (int i = 0; i < 20; i++) {
                byte[] payload = ("voice-" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] up = new RtpPacketBuilder().payloadType(111).sequenceNumber(i).timestamp(960L * i).ssrc(1111).payload(payload).build(16);
                assertTrue(pair.gateway.sendRtp(up, up.length - 16));
                byte[] down = new RtpPacketBuilder().payloadType(111).sequenceNumber(i).timestamp(960L * i).ssrc(2222).payload(payload).build(16);
                assertTrue(pair.bridge.sendRtp(down, down.length - 16));
            }
            pair.bridgeEvents.awaitPackets(20);
            pair.gatewayEvents.awaitPackets(20);
            RtpPacket first = RtpPacket.parse(pair.bridgeEvents.packets.get(0), 0, pair.bridgeEvents.packets.get(0).length);
            assertArrayEquals("voice-0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), first.payload(), "decrypted payload equals the original");
            assertEquals(1111, first.ssrc());
            assertTrue(pair.gatewayEvents.failures.isEmpty() && pair.bridgeEvents.failures.isEmpty());
        }
    }

    @Test
    void tamperedOrReplayedSrtpIsRejected() throws Exception {
        try (TransportPair pair = new TransportPair()) {
            pair.connect();
            SrtpKeyingMaterial keys = pair.gateway.keyingMaterial();
            try (SrtpSession sender = new SrtpSession(keys, true); SrtpSession receiver = new SrtpSession(keys, false)) {
                byte[] plain = new RtpPacketBuilder().payloadType(111).sequenceNumber(7).timestamp(1).ssrc(42).payload(new byte[] { 9, 8, 7, 6 }).build();
                int[] len = new int[1];
                byte[] wire = sender.protectRtp(Arrays.copyOf(plain, plain.length + 16), plain.length, len);
                assertEquals(plain.length + 10, len[0], "80-bit auth tag appended");
                assertFalse(Arrays.equals(Arrays.copyOfRange(wire, 12, 16), new byte[] { 9, 8, 7, 6 }), "payload encrypted");

                byte[] tampered = Arrays.copyOf(wire, len[0]);
                tampered[13] ^= 1;
                assertEquals(-1, receiver.unprotectRtp(tampered, 0, tampered.length), "flipped bit fails authentication");

                byte[] good = Arrays.copyOf(wire, len[0]);
                assertEquals(plain.length, receiver.unprotectRtp(good, 0, good.length));
                assertArrayEquals(plain, Arrays.copyOf(good, plain.length), "decrypts to the original");
                byte[] replay = Arrays.copyOf(wire, len[0]);
                assertEquals(-1, receiver.unprotectRtp(replay, 0, replay.length), "replayed packet rejected");
            }
        }
    }

    @Test
    void wrongFingerprintFailsTheHandshake() throws Exception {
        try (TransportPair pair = new TransportPair()) {
            pair.bridge.start(pair.gateway.localIce(), pair.gateway.localFingerprint());
            pair.gateway.start(pair.bridge.localIce(), DtlsIdentity.generate("impostor").fingerprint());
            Await.until("the gateway reports the failed handshake", () -> !pair.gatewayEvents.failures.isEmpty());
            assertTrue(pair.gatewayEvents.failures.get(0).contains("DTLS"), pair.gatewayEvents.failures.get(0));
            assertFalse(pair.gateway.isConnected());
        }
    }
}
