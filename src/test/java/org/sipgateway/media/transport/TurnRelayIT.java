package org.sipgateway.media.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipgateway.media.Await;

/** Relay candidates from a real TURN server (coturn's turnserver, Debian package coturn) on loopback. */
class TurnRelayIT {
    @Test
    void turnServerGivesARelayCandidate(@TempDir Path dir) throws Exception {
        requireTurnserver();
        int listening = freeUdpPort();
        int relayMin = freeUdpPort() & ~0xF; // a small relay range near a port the OS just offered
        Path conf = dir.resolve("turnserver.conf");
        Files.writeString(conf, String.join("\n",
            "listening-ip=127.0.0.1", "listening-port=" + listening, "relay-ip=127.0.0.1",
            "min-port=" + relayMin, "max-port=" + (relayMin + 15), "realm=test.local", "lt-cred-mech",
            "user=gateway:relaypass", "fingerprint", "no-tls", "no-dtls", "no-cli", "no-multicast-peers",
            "allow-loopback-peers", "pidfile=" + dir.resolve("turn.pid"), "log-file=stdout", "simple-log", ""));
        Process turn = new ProcessBuilder("turnserver", "-c", conf.toString(), "--no-stdout-log")
            .redirectErrorStream(true).redirectOutput(dir.resolve("turn.log").toFile()).start();
        try {
            IceSettings settings = new IceSettings(List.of("127.0.0.1"), List.of(),
                List.of(new IceSettings.TurnServer("127.0.0.1", listening, "gateway", "relaypass")));
            Path log = dir.resolve("turn.log");
            Await.until("turnserver answers a STUN Binding request on 127.0.0.1:" + listening,
                () -> !turn.isAlive() || answersStunBinding(listening), () -> "turnserver log: " + readLog(log));
            assertTrue(turn.isAlive(), () -> "turnserver exited with " + turn.exitValue() + ": " + readLog(log));
            IceCandidate relay;
            try (IceTransport ice = new IceTransport(false, settings)) {
                relay = ice.localDescription().candidates().stream().filter(c -> c.type().equals("relay")).findFirst().orElse(null);
            }
            assertTrue(relay != null, "a relay candidate; turnserver log: " + readLog(log));
            assertTrue(relay.ip().equals("127.0.0.1") && relay.port() >= relayMin && relay.port() <= relayMin + 15,
                "relayed address from the TURN server's range: " + relay);
            assertTrue(relay.relatedIp() != null, "relay candidate names its related (mapped) address");
        } finally {
            turn.destroy();
            if (!turn.waitFor(5, TimeUnit.SECONDS))
                turn.destroyForcibly();
        }
    }

    /** CI must have coturn (it fails with this message there); a developer machine without it skips. */
    private static void requireTurnserver() {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            present |= new File(dir, "turnserver").canExecute();
        if (!present && System.getenv("CI") != null)
            fail("turnserver not found: install the Debian package coturn (scripts/test installs it)");
        Assumptions.assumeTrue(present, "turnserver (coturn) not installed");
    }

    /** One STUN Binding request (RFC 5389 section 6: type 0x0001, magic cookie); true when a Binding success response comes back. */
    private static boolean answersStunBinding(int port) {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(200);
            ByteBuffer request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442);
            byte[] transaction = new byte[12];
            new java.util.Random().nextBytes(transaction);
            request.put(transaction);
            s.send(new DatagramPacket(request.array(), 20, InetAddress.getLoopbackAddress(), port));
            DatagramPacket response = new DatagramPacket(new byte[1500], 1500);
            s.receive(response);
            ByteBuffer r = ByteBuffer.wrap(response.getData(), 0, response.getLength());
            return response.getLength() >= 20 && r.getShort(0) == 0x0101
                && java.util.Arrays.equals(java.util.Arrays.copyOfRange(response.getData(), 8, 20), transaction);
        } catch (IOException e) {
            return false; // not listening yet (ICMP port unreachable) or no answer within 200 ms
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "unreadable: " + e;
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
