package org.sipgateway.testkit.sip;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A self-signed certificate for 127.0.0.1: PEM (key.pem, cert.pem) for Kamailio, and for Java a PKCS12
 * keystore {@code gateway.p12} plus a truststore {@code trust.p12} holding the certificate (password "changeit").
 */
public final class TlsFiles {

    public static final String PASSWORD = "changeit";

    private TlsFiles() {
    }

    /** Settings for the gateway using the run dir's files (call after {@link #selfSigned}). */
    public static org.sipgateway.sip.TlsSettings settings(RunDir run) {
        return new org.sipgateway.sip.TlsSettings(run.resolve("gateway.p12").toString(), PASSWORD, "PKCS12",
                run.resolve("trust.p12").toString(), PASSWORD);
    }

    /** Writes key.pem, cert.pem and gateway.p12 into the run dir (openssl). */
    public static Path selfSigned(RunDir run) {
        exec(run, "openssl-req", List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", run.resolve("key.pem").toString(), "-out", run.resolve("cert.pem").toString()));
        exec(run, "openssl-p12", List.of("openssl", "pkcs12", "-export", "-inkey", run.resolve("key.pem").toString(),
                "-in", run.resolve("cert.pem").toString(), "-name", "gateway", "-passout", "pass:" + PASSWORD,
                "-out", run.resolve("gateway.p12").toString()));
        exec(run, "keytool-trust", List.of("keytool", "-importcert", "-noprompt", "-storetype", "PKCS12",
                "-alias", "peer", "-file", run.resolve("cert.pem").toString(),
                "-keystore", run.resolve("trust.p12").toString(), "-storepass", PASSWORD));
        return run.resolve("gateway.p12");
    }

    private static void exec(RunDir run, String name, List<String> cmd) {
        try (ExternalProcess p = ExternalProcess.start(name, run, cmd)) {
            int rc = p.awaitExit(Duration.ofSeconds(30));
            if (rc != 0) {
                throw new IllegalStateException(name + " failed (" + rc + "): " + p.logText());
            }
        }
    }
}
