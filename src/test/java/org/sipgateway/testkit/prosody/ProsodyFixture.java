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
 * External components (XEP-0114, Prosody's {@code Component "name"} with {@code component_secret}) listen on
 * their own free loopback port ({@link #componentPort()}); {@link #stop()} and {@link #launch()} restart prosody
 * on the same ports.
 */
public final class ProsodyFixture implements AutoCloseable {
    public static final Duration START = Duration.ofSeconds(30);
    private Process process;
    private final Path home;
    private final Path config;
    private final String domain;
    private final int port;
    private final int componentPort;

    private ProsodyFixture(Path home, Path config, String domain, int port, int componentPort) {
        this.home = home;
        this.config = config;
        this.domain = domain;
        this.port = port;
        this.componentPort = componentPort;
    }

    /** Starts prosody for {@code domain} with these accounts ({@code user -> password}) on {@code auth.<domain>}. */
    public static ProsodyFixture start(String name, String domain, Map<String, String> authAccounts) throws Exception {
        return start(name, domain, authAccounts, Map.of());
    }

    /**
     * Also with external components: {@code components} maps each component's address (e.g.
     * {@code callcontrol.meet.test}) to its shared secret.
     */
    public static ProsodyFixture start(String name, String domain, Map<String, String> authAccounts,
            Map<String, String> components) throws Exception {
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
        final int componentPort = components.isEmpty() ? 0 : FreePorts.udpAndTcp();
        final Path config = home.resolve("prosody.cfg.lua");
        Files.writeString(config, config(home, domain, port, componentPort, components));
        run(List.of("chown", "-R", "prosody:prosody", home.toString()));
        final ProsodyFixture fixture = new ProsodyFixture(home, config, domain, port, componentPort);
        fixture.launch();
        return fixture;
    }

    /** Starts prosody (again, after {@link #stop()}) on the same ports and waits until it listens. */
    public synchronized void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("prosody is already running");
        }
        process = new ProcessBuilder("runuser", "-u", "prosody", "--", "prosody", "-F", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("stdout.log").toFile())).start();
        try {
            awaitListening(port);
            if (componentPort != 0) {
                awaitListening(componentPort);
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static String config(Path home, String domain, int port, int componentPort, Map<String, String> components) {
        final StringBuilder external = new StringBuilder();
        if (componentPort != 0) {
            external.append("component_ports = { ").append(componentPort).append(" }\n")
                    .append("component_interfaces = { \"127.0.0.1\" }\n");
        }
        final StringBuilder declared = new StringBuilder();
        for (Map.Entry<String, String> c : new LinkedHashMap<>(components).entrySet()) {
            declared.append("Component \"").append(c.getKey()).append("\"\n")
                    .append("    component_secret = \"").append(c.getValue().replace("\"", "\\\"")).append("\"\n");
        }
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
                external.toString(),
                "VirtualHost \"" + domain + "\"",
                "    authentication = \"anonymous\"",
                "VirtualHost \"auth." + domain + "\"",
                "    authentication = \"internal_plain\"",
                "Component \"conference." + domain + "\" \"muc\"",
                "    restrict_room_creation = false",
                declared.toString(),
                "");
    }

    private void awaitListening(int port) {
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

    /** The XEP-0114 component port (127.0.0.1); 0 when no component was declared. */
    public int componentPort() {
        return componentPort;
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
        stop();
    }

    /** Stops prosody (SIGTERM, as the init system would); {@link #launch()} starts it again. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
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
        process = null;
    }
}
