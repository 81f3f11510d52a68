package org.sipgateway.testkit.openfire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code scripts/dev-openfire}: a local Openfire 4.2.0 on loopback with the plugin installed.
 * Prints one READY line when the plugin has loaded and runs until SIGTERM or Ctrl-C, then stops
 * Openfire cleanly. Exits non-zero with the reason when something is wrong.
 */
public final class DevOpenfire {
    private static final String USAGE = """
            usage: scripts/dev-openfire [options]
              --home DIR              Openfire home (default target/openfire-home, recreated each run;
                                      a DIR you name keeps its database between runs)
              --property KEY=VALUE    Openfire system property set before the plugin starts (repeatable)
              --xmpp-port N           client port (default 5222)
              --component-port N      external component port (default 5275)
              --admin-port N          admin console / plugin HTTP port (default 9090)
              --admin-password PW     password of the admin account 'admin' (default admin)
              --domain NAME           XMPP domain (default localhost)
              --bouncycastle 4.2|5.0  BouncyCastle of Openfire 4.2 (1.53) or 4.9/5.0 (1.78.1); default 4.2
              --jar FILE              plugin jar (default target/sipgateway.jar)
            """;

    private DevOpenfire() {
    }

    public static void main(String[] args) {
        final OpenfireOptions options;
        try {
            options = parse(args);
            checkPortsFree(options);
            if (!Files.isRegularFile(options.pluginJar)) {
                throw new IllegalArgumentException("plugin jar " + options.pluginJar + " does not exist (run mvn -B package)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("dev-openfire: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    private static int run(OpenfireOptions options) {
        final OpenfireProcess openfire;
        try {
            openfire = OpenfireProcess.start(options);
        } catch (IOException e) {
            System.err.println("dev-openfire: cannot start Openfire: " + e.getMessage());
            return 1;
        }
        final Thread stopper = new Thread(openfire::close, "dev-openfire-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            openfire.awaitEvent("started", Duration.ofSeconds(120));
            openfire.awaitEvent("plugin-loaded", Duration.ofSeconds(90));
            openfire.awaitListening(Duration.ofSeconds(60));
        } catch (IllegalStateException e) {
            System.err.println("dev-openfire: " + firstLine(e.getMessage()));
            System.err.println("dev-openfire: see " + options.home.resolve("logs") + " (all.log, stdout.log)");
            System.err.println(PluginErrors.find(options.home.resolve("logs/all.log")));
            return 1;
        }
        System.out.printf("READY xmpp=127.0.0.1:%d component=127.0.0.1:%d admin=http://127.0.0.1:%d/ domain=%s"
                        + " callcontrol=%s.%s home=%s%n",
                options.xmppPort, options.componentPort, options.adminPort, options.domain,
                options.properties.getOrDefault("sipgateway.callcontrol.subdomain", "callcontrol"), options.domain,
                options.home.toAbsolutePath());
        System.out.flush();
        try {
            final int code = openfire.waitFor();
            System.err.println("dev-openfire: Openfire exited with code " + code);
            return code == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            return 0;
        }
    }

    private static String firstLine(String text) {
        final int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static OpenfireOptions parse(String[] args) {
        final OpenfireOptions o = new OpenfireOptions()
                .home(Path.of("target", "openfire-home")).fresh(true)
                .pluginJar(Path.of("target", "sipgateway.jar"));
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value\n" + USAGE);
            }
            final String value = args[++i];
            switch (arg) {
                case "--home" -> o.home(Path.of(value)).fresh(false);
                case "--property" -> {
                    final int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--property needs KEY=VALUE, got '" + value + "'");
                    }
                    o.property(value.substring(0, eq).trim(), value.substring(eq + 1));
                }
                case "--xmpp-port" -> o.xmppPort = port(arg, value);
                case "--component-port" -> o.componentPort = port(arg, value);
                case "--admin-port" -> o.adminPort = port(arg, value);
                case "--admin-password" -> o.adminPassword(value);
                case "--domain" -> o.domain(value);
                case "--jar" -> o.pluginJar(Path.of(value));
                case "--openfire-dir" -> o.openfireDir(Path.of(value));
                case "--bouncycastle" -> o.bouncyCastle(switch (value) {
                    case "4.2" -> OpenfireOptions.BouncyCastle.OPENFIRE_4_2;
                    case "5.0" -> OpenfireOptions.BouncyCastle.OPENFIRE_5_0;
                    default -> throw new IllegalArgumentException("--bouncycastle must be 4.2 or 5.0, got '" + value + "'");
                });
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        return o;
    }

    private static int port(String option, String value) {
        try {
            final int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number 1-65535, got '" + value + "'");
        }
    }

    private static void checkPortsFree(OpenfireOptions o) {
        final String[] names = {"xmpp", "component", "admin"};
        final int[] ports = {o.xmppPort, o.componentPort, o.adminPort};
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket probe = new ServerSocket(ports[i], 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalArgumentException(names[i] + " port " + ports[i]
                        + " is already in use on 127.0.0.1 (choose another with --" + names[i] + "-port)");
            }
        }
    }
}
