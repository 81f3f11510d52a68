package org.sipgateway.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.SipProbe;

/** sipvicious against the gateway on loopback: svmap finds it, svwar enumerates nobody, svcrack gets blocked. */
class SipviciousIT {

    @Test
    void scannersFindTheGatewayButNoUsersAndGuessingIsBlocked(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("sipvicious")
                .property("sipgateway.sip.inbound.username", "trunk")
                .property("sipgateway.sip.inbound.password", "trunkpw")
                .property("sipgateway.sip.auth-failure-limit", "3"))) {
            final int port = openfire.sipPort();
            final String target = "127.0.0.1:" + port;
            final String map = sipvicious(List.of("svmap", target));
            assertTrue(map.contains(target), "svmap finds the gateway:\n" + map);

            // a known and an unknown user get the same answer (a digest challenge), so nothing is learned
            assertEquals(status(SipProbe.register(port, "trunk")), status(SipProbe.register(port, "nobody")));
            final Path dict = Files.writeString(Path.of(run.toString(), "users.txt"), "trunk\nnobody\n100\nadmin\n");
            final String war = sipvicious(List.of("svwar", "-m", "INVITE", "-d", dict.toString(), target));
            assertFalse(war.contains("| trunk"), "svwar must not enumerate the known user:\n" + war);

            // svcrack guesses with REGISTER, which the gateway refuses (405) before any digest: it cracks nothing
            final String crack = sipvicious(List.of("svcrack", "-u", "trunk", "-r", "1-40", "udp://" + target));
            assertFalse(crack.contains("trunkpw"), crack);
            assertTrue(SipProbe.register(port, "trunk").startsWith("SIP/2.0 405"), "REGISTER refused");
        }
    }

    private static String status(String reply) {
        return reply.isEmpty() ? "" : reply.substring(0, reply.indexOf('\r'));
    }

    /** Runs a sipvicious tool for at most 60 s; returns its output. */
    private static String sipvicious(List<String> command) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(List.of("timeout", "60"));
        cmd.addAll(command);
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.waitFor(90, TimeUnit.SECONDS);
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
