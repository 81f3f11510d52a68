package org.sipgateway.media.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            IceCandidate relay = null;
            for (int attempt = 0; attempt < 20 && relay == null; attempt++) { // the server needs a moment to listen
                try (IceTransport ice = new IceTransport(false, settings)) {
                    relay = ice.localDescription().candidates().stream().filter(c -> c.type().equals("relay")).findFirst().orElse(null);
                }
                if (relay == null)
                    Thread.sleep(250);
            }
            assertTrue(relay != null, "a relay candidate; turnserver log: " + Files.readString(dir.resolve("turn.log")));
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

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
