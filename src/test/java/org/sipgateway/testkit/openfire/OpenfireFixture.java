package org.sipgateway.testkit.openfire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.sipgateway.testkit.sip.FreePorts;

/**
 * For JUnit: a real Openfire on free loopback ports with the freshly built plugin jar installed
 * and the given properties applied before the plugin starts. Close it to stop Openfire.
 */
public final class OpenfireFixture implements AutoCloseable {
    public static final Duration BOOT = Duration.ofSeconds(120);
    public static final Duration PLUGIN_LOAD = Duration.ofSeconds(90);
    /** The account the test kit's focus ({@code FocusPeer}) logs in as on a test Openfire: it plays Jicofo there. */
    public static final String FOCUS_USER = "admin";
    static final String FOCUS_JIDS = "sipgateway.xmpp.focus-jids";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final OpenfireProcess process;
    private final Path pluginJar;

    private OpenfireFixture(OpenfireProcess process, Path pluginJar) {
        this.process = process;
        this.pluginJar = pluginJar;
    }

    /** Options with free ports, a fresh home under target/it-openfire and the built plugin jar. */
    public static OpenfireOptions options(String name) {
        final Path home = Path.of("target", "it-openfire", name + "-" + ProcessHandle.current().pid()
                + "-" + RUNS.incrementAndGet());
        final int xmppPort = FreePorts.udpAndTcp();
        return new OpenfireOptions()
                .home(home).fresh(true).control(true)
                .openfireDir(Path.of(System.getProperty("openfire.dir", "target/openfire")))
                .pluginJar(builtJar())
                .ports(xmppPort, FreePorts.udpAndTcp(), FreePorts.udpAndTcp())
                // the plugin's participants join this Openfire (no STARTTLS: its test certificate is self-signed)
                .property("sipgateway.xmpp.port", Integer.toString(xmppPort))
                .property("sipgateway.xmpp.tls", "disabled")
                // every test Openfire gets its own SIP port and loopback-only media
                .property("sipgateway.sip.port", Integer.toString(FreePorts.udpAndTcp()))
                .property("sipgateway.media.rtp-port-min", "0")
                .property("sipgateway.media.rtp-port-max", "0")
                .property("sipgateway.media.rtp-bind-address", "127.0.0.1")
                .property("sipgateway.media.ice-host-addresses", "127.0.0.1");
    }

    /** The SIP port the plugin listens on (127.0.0.1). */
    public int sipPort() {
        return Integer.parseInt(options().properties().get("sipgateway.sip.port"));
    }

    public static Path builtJar() {
        final Path jar = Path.of(System.getProperty("sipgateway.jar", "target/sipgateway.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: integration tests run after mvn package");
        }
        return jar;
    }

    /**
     * Starts Openfire and waits until the plugin has loaded. Unless the test says otherwise, the plugin takes the test
     * kit's focus for the conference focus: {@value #FOCUS_USER} on this Openfire; when the conferences are on another
     * server ({@code sipgateway.xmpp.domain}, a prosody), the product's default ({@code focus@auth.<domain>}, the
     * account that prosody's focus logs in as, as Jicofo does).
     */
    public static OpenfireFixture start(OpenfireOptions options) throws IOException {
        if (!options.properties.containsKey(FOCUS_JIDS) && !options.properties.containsKey("sipgateway.xmpp.domain")) {
            options.property(FOCUS_JIDS, FOCUS_USER + "@" + options.domain);
        }
        final OpenfireProcess process = OpenfireProcess.start(options);
        try {
            process.awaitEvent("started", BOOT);
            if (options.pluginJar != null) {
                process.awaitEvent("plugin-loaded", PLUGIN_LOAD);
            }
            process.awaitListening(BOOT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new OpenfireFixture(process, options.pluginJar);
    }

    public OpenfireProcess process() {
        return process;
    }

    public OpenfireOptions options() {
        return process.options();
    }

    public String domain() {
        return options().domain();
    }

    /** The bare JID the test kit's focus logs in as here, for conference-level tests that configure a participant. */
    public String focusJid() {
        return FOCUS_USER + "@" + domain();
    }

    public Path installedJar() {
        return options().home().resolve("plugins").resolve(OpenfireMain.PLUGIN + ".jar");
    }

    /** Removes the plugin jar, as an admin deleting the plugin would, and waits for the unload. */
    public void removePlugin() throws IOException {
        Files.delete(installedJar());
        process.awaitEvent("plugin-unloaded", PLUGIN_LOAD);
    }

    /** Puts the plugin jar back and waits for it to load again. */
    public void installPlugin() throws IOException {
        Files.copy(pluginJar, installedJar(), StandardCopyOption.REPLACE_EXISTING);
        process.awaitEvent("plugin-loaded", PLUGIN_LOAD);
    }

    public String adminUrl(String path) {
        return "http://127.0.0.1:" + options().adminPort() + path;
    }

    @Override
    public void close() {
        process.close();
    }
}
