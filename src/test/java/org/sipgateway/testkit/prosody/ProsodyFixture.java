package org.sipgateway.testkit.prosody;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sipgateway.testkit.sip.FreePorts;

/**
 * A Debian prosody (0.12) as a remote Jitsi-style XMPP deployment: {@code <domain>} with anonymous login,
 * {@code auth.<domain>} with accounts (plain passwords, as Jitsi's focus and jigasi users), and the MUC
 * {@code conference.<domain>}. c2s without TLS on a free loopback port; no s2s, no HTTP. The config and data live
 * under {@code target/it-prosody/<name>}; prosody runs as user prosody. Close it to stop prosody.
 */
public final class ProsodyFixture implements AutoCloseable {
    public static final Duration START = Duration.ofSeconds(30);
    private final Process process;
    private final Path home;
    private final String domain;
    private final int port;

    private ProsodyFixture(Process process, Path home, String domain, int port) {
        this.process = process;
        this.home = home;
        this.domain = domain;
        this.port = port;
    }

    /** Starts prosody for {@code domain} with these accounts ({@code user -> password}) on {@code auth.<domain>}. */
    public static ProsodyFixture start(String name, String domain, Map<String, String> authAccounts) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/prosody"))) {
            throw new IllegalStateException("prosody is not installed: apt-get install prosody (scripts/test does it)");
        }
        final int port = FreePorts.udpAndTcp();
        final Path home = Path.of("target", "it-prosody", name + "-" + ProcessHandle.current().pid() + "-" + port)
                .toAbsolutePath();
        final Path data = home.resolve("data");
        final Path accounts = data.resolve(("auth." + domain).replace(".", "%2e")).resolve("accounts");
        Files.createDirectories(accounts);
        Files.createDirectories(home.resolve("certs")); // empty: no TLS offered
        for (Map.Entry<String, String> a : new LinkedHashMap<>(authAccounts).entrySet()) {
            Files.writeString(accounts.resolve(a.getKey() + ".dat"), "return {\n\t[\"password\"] = \""
                    + a.getValue().replace("\"", "\\\"") + "\";\n};\n");
        }
        final Path config = home.resolve("prosody.cfg.lua");
        Files.writeString(config, config(home, domain, port));
        run(List.of("chown", "-R", "prosody:prosody", home.toString()));
        final ProcessBuilder pb = new ProcessBuilder("runuser", "-u", "prosody", "--", "prosody", "-F", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("stdout.log").toFile());
        final Process process = pb.start();
        final ProsodyFixture fixture = new ProsodyFixture(process, home, domain, port);
        try {
            fixture.awaitListening();
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    private static String config(Path home, String domain, int port) {
        return String.join("\n",
                "-- written by ProsodyFixture for one test run",
                "pidfile = \"" + home.resolve("prosody.pid") + "\"",
                "data_path = \"" + home.resolve("data") + "\"",
                "certificates = \"" + home.resolve("certs") + "\"",
                "log = { { levels = { min = \"info\" }, to = \"file\", filename = \"" + home.resolve("prosody.log") + "\" } }",
                "interfaces = { \"127.0.0.1\" }",
                "c2s_ports = { " + port + " }",
                "c2s_require_encryption = false",
                "allow_unencrypted_plain_auth = true",
                "modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\"; \"posix\" }",
                "modules_disabled = { \"s2s\"; \"http\" }",
                "storage = \"internal\"",
                "VirtualHost \"" + domain + "\"",
                "    authentication = \"anonymous\"",
                "VirtualHost \"auth." + domain + "\"",
                "    authentication = \"internal_plain\"",
                "Component \"conference." + domain + "\" \"muc\"",
                "    restrict_room_creation = false",
                "");
    }

    private void awaitListening() {
        final long end = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prosody exited with " + process.exitValue() + "; see " + home.resolve("stdout.log")
                        + " and prosody.log: " + tail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("prosody did not listen on 127.0.0.1:" + port + " within " + START + ": " + tail());
    }

    private String tail() {
        final List<String> out = new ArrayList<>();
        for (String f : List.of("stdout.log", "prosody.log")) {
            try {
                final List<String> lines = Files.readAllLines(home.resolve(f));
                out.addAll(lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            } catch (IOException e) {
                out.add(f + ": " + e.getMessage());
            }
        }
        return String.join("\n", out);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String domain() {
        return domain;
    }

    public String mucService() {
        return "conference." + domain;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        final List<ProcessHandle> children = process.descendants().toList();
        process.destroy(); // SIGTERM to runuser, which passes it on to prosody
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            child.destroy();
            child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
