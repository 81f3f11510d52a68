package org.sipgateway.testkit.openfire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** Lays out an Openfire home folder: config on loopback, keystores, the admin stand-in, the setup file. */
final class OpenfireHome {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private OpenfireHome() {
    }

    /** Prepares the home and returns the setup file that OpenfireMain reads. */
    static Path prepare(OpenfireOptions options) throws IOException {
        final Path home = options.home.toAbsolutePath();
        if (options.fresh) {
            deleteTree(home);
        }
        for (String dir : new String[] {"conf", "logs", "db", "plugins/admin/webapp/WEB-INF", "resources/security"}) {
            Files.createDirectories(home.resolve(dir));
        }
        Files.deleteIfExists(home.resolve("plugins").resolve(OpenfireMain.PLUGIN + ".jar"));
        deleteTree(home.resolve("plugins").resolve(OpenfireMain.PLUGIN)); // a stale unpacked copy would load first
        final String dbUrl = "jdbc:hsqldb:file:" + home.resolve("db").resolve("openfire") + ";hsqldb.write_delay=false";
        write(home.resolve("conf/openfire.xml"), resource("openfire.xml.template")
                .replace("@ADMIN_PORT@", Integer.toString(options.adminPort))
                .replace("@DOMAIN@", options.domain)
                .replace("@DB_URL@", dbUrl));
        final StringBuilder log4j = new StringBuilder(resource("log4j.properties"));
        options.logLevels.forEach((logger, level) -> log4j.append("\nlog4j.logger.").append(logger).append('=').append(level));
        write(home.resolve("conf/log4j.properties"), log4j.append('\n').toString());
        write(home.resolve("plugins/admin/plugin.xml"), resource("admin-plugin.xml"));
        write(home.resolve("plugins/admin/webapp/WEB-INF/web.xml"), resource("admin-web.xml"));
        for (String store : new String[] {"keystore", "truststore", "client.truststore"}) {
            emptyKeyStore(home.resolve("resources/security").resolve(store));
        }
        final Properties setup = new Properties();
        setup.setProperty("db.url", dbUrl);
        setup.setProperty("admin.password", options.adminPassword);
        setup.setProperty("control", Boolean.toString(options.control));
        setup.setProperty("plugin.jar", options.pluginJar == null ? "" : options.pluginJar.toAbsolutePath().toString());
        serverProperties(options).forEach((name, value) -> setup.setProperty("db." + name, value));
        options.properties.forEach((name, value) -> setup.setProperty("db." + name, value));
        final Path setupFile = home.resolve("conf/harness-setup.properties");
        try (var out = Files.newBufferedWriter(setupFile, StandardCharsets.UTF_8)) {
            setup.store(out, "written by the test harness; read by OpenfireMain");
        }
        return setupFile;
    }

    /** Only c2s and the component port listen, on loopback; nothing reaches out to the internet. */
    private static Map<String, String> serverProperties(OpenfireOptions o) {
        return Map.ofEntries(
                Map.entry("xmpp.domain", o.domain),
                Map.entry("xmpp.socket.plain.port", Integer.toString(o.xmppPort)),
                Map.entry("xmpp.socket.ssl.active", "false"),
                Map.entry("xmpp.component.socket.active", "true"),
                Map.entry("xmpp.component.socket.port", Integer.toString(o.componentPort)),
                Map.entry("xmpp.component.ssl.active", "false"),
                Map.entry("xmpp.server.socket.active", "false"),
                Map.entry("xmpp.multiplex.socket.active", "false"),
                Map.entry("xmpp.multiplex.ssl.active", "false"),
                Map.entry("xmpp.proxy.enabled", "false"),
                Map.entry("httpbind.enabled", "false"),
                Map.entry("mediaproxy.enabled", "false"),
                Map.entry("update.service-enabled", "false"),
                Map.entry("xmpp.auth.anonymous", "true"));
    }

    private static void emptyKeyStore(Path file) throws IOException {
        if (Files.exists(file)) {
            return; // Openfire may have stored its generated certificates there
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            final KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, STORE_PASSWORD);
            store.store(out, STORE_PASSWORD);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenfireHome.class.getResourceAsStream("/openfire/" + name)) {
            if (in == null) {
                throw new IOException("test resource openfire/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
