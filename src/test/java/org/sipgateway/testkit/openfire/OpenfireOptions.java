package org.sipgateway.testkit.openfire;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** How to run one test Openfire: where, on which loopback ports, with which jar and properties. */
public final class OpenfireOptions {
    /** Which BouncyCastle Openfire runs with: the 1.53 jars of Openfire 4.2, or the 1.78.1 jars of 4.9/5.0. */
    public enum BouncyCastle { OPENFIRE_4_2("bc-4.2"), OPENFIRE_5_0("bc-5.0");
        final String folder;
        BouncyCastle(String folder) {
            this.folder = folder;
        }
    }

    Path home;
    Path openfireDir = Path.of("target", "openfire");
    Path pluginJar;
    String domain = "localhost";
    int xmppPort = 5222;
    int componentPort = 5275;
    int adminPort = 9090;
    String adminPassword = "admin";
    BouncyCastle bouncyCastle = BouncyCastle.OPENFIRE_4_2;
    boolean control;
    boolean fresh;
    final Map<String, String> properties = new LinkedHashMap<>();
    final Map<String, String> logLevels = new LinkedHashMap<>();

    public OpenfireOptions home(Path value) {
        home = value;
        return this;
    }

    /** The folder the build prepared: classpath.txt and the BouncyCastle sets. */
    public OpenfireOptions openfireDir(Path value) {
        openfireDir = value;
        return this;
    }

    public OpenfireOptions pluginJar(Path value) {
        pluginJar = value;
        return this;
    }

    public OpenfireOptions domain(String value) {
        domain = value;
        return this;
    }

    public OpenfireOptions ports(int xmpp, int component, int admin) {
        xmppPort = xmpp;
        componentPort = component;
        adminPort = admin;
        return this;
    }

    public OpenfireOptions adminPassword(String value) {
        adminPassword = value;
        return this;
    }

    public OpenfireOptions bouncyCastle(BouncyCastle value) {
        bouncyCastle = value;
        return this;
    }

    /** Lets the test ask the running Openfire questions over its stdin (thread reports). */
    public OpenfireOptions control(boolean value) {
        control = value;
        return this;
    }

    /** Deletes the home first, so the run starts from an empty database. */
    public OpenfireOptions fresh(boolean value) {
        fresh = value;
        return this;
    }

    /** An Openfire system property set before the plugin starts (e.g. sipgateway.*). */
    public OpenfireOptions property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    /** A log4j level for one logger in logs/all.log, e.g. {@code org.sipgateway.sip.wire} at {@code TRACE}. */
    public OpenfireOptions logLevel(String logger, String level) {
        logLevels.put(logger, level);
        return this;
    }

    public int xmppPort() {
        return xmppPort;
    }

    public int componentPort() {
        return componentPort;
    }

    public int adminPort() {
        return adminPort;
    }

    public String domain() {
        return domain;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Map<String, String> properties() {
        return java.util.Collections.unmodifiableMap(properties);
    }

    public Path home() {
        return home;
    }
}
