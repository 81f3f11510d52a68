package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.sip.FreePorts;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** scripts/dev-openfire as a newcomer runs it: READY, a working component, and a clean stop. */
class DevOpenfireIT {
    @Test
    void printsReadyServesCallControlAndStopsCleanlyOnSigterm() throws Exception {
        final int xmpp = FreePorts.udpAndTcp();
        final Process script = devOpenfire("--home", "target/it-openfire/dev-" + xmpp, "--xmpp-port", "" + xmpp,
                "--component-port", "" + FreePorts.udpAndTcp(), "--admin-port", "" + FreePorts.udpAndTcp(),
                "--admin-password", "s3cret", "--property", "sipgateway.callcontrol.subdomain=dialer",
                "--property", "sipgateway.sip.port=" + FreePorts.udpAndTcp());
        try {
            final BufferedReader out = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8));
            final String ready = readUntilReady(out);
            assertTrue(ready.contains("xmpp=127.0.0.1:" + xmpp) && ready.contains("callcontrol=dialer.localhost"), ready);
            final List<ProcessHandle> children = script.descendants().collect(Collectors.toList());
            assertTrue(!children.isEmpty(), "Openfire runs in its own JVM");

            try (TestXmppClient client = TestXmppClient.login("localhost", xmpp, "admin", "s3cret")) {
                final DiscoverInfo info = client.discoInfo("dialer.localhost");
                assertTrue(info.hasIdentity("gateway", "sip"), info.toXML().toString());
            }

            script.destroy(); // SIGTERM, as Ctrl-C or a service manager would
            assertTrue(script.waitFor(60, TimeUnit.SECONDS), "dev-openfire stops within 60 s");
            for (ProcessHandle child : children) {
                assertTrue(child.onExit().toCompletableFuture().isDone() || !child.isAlive(),
                        "Openfire (pid " + child.pid() + ") is still running");
            }
            try (ServerSocket again = new ServerSocket(xmpp, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(xmpp, again.getLocalPort(), "the client port is free again");
            }
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    @Test
    void busyPortFailsWithAClearReason() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final Process script = devOpenfire("--xmpp-port", "" + busy.getLocalPort(),
                    "--property", "sipgateway.sip.port=" + FreePorts.udpAndTcp(),
                    "--component-port", "" + FreePorts.udpAndTcp(), "--admin-port", "" + FreePorts.udpAndTcp());
            assertTrue(script.waitFor(60, TimeUnit.SECONDS));
            final String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, script.exitValue());
            assertTrue(output.contains("xmpp port " + busy.getLocalPort() + " is already in use"), output);
        }
    }

    private static Process devOpenfire(String... args) throws Exception {
        final List<String> command = new java.util.ArrayList<>(List.of("scripts/dev-openfire"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(".").toFile()).redirectErrorStream(true);
        builder.environment().put("SIPGATEWAY_NO_BUILD", "1"); // the build under test made the jar already
        return builder.start();
    }

    private static String readUntilReady(BufferedReader out) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        final StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("no READY line; dev-openfire said:\n" + seen);
    }
}
