package org.sipgateway.testkit.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Kamailio registrar/proxy with digest users from db_text, on free loopback ports.
 * <pre>
 * try (Kamailio k = Kamailio.builder(run).user("gw", "gwpw").start()) { k.domain() ... }
 * </pre>
 * {@link #restart()} keeps the ports (registrations are lost: usrloc db_mode 0).
 */
public final class Kamailio implements AutoCloseable {

    private final RunDir run;
    private final int port;
    private final int tlsPort;
    private final List<String> defines;
    private ExternalProcess process;

    private Kamailio(RunDir run, int port, int tlsPort, List<String> defines) {
        this.run = run;
        this.port = port;
        this.tlsPort = tlsPort;
        this.defines = defines;
    }

    public static Builder builder(RunDir run) {
        return new Builder(run);
    }

    /** UDP and TCP port. */
    public int port() {
        return port;
    }

    /** TLS port (only listening when built with {@code tls()}). */
    public int tlsPort() {
        return tlsPort;
    }

    /** {@code 127.0.0.1:port}: the domain of its users and the registrar address. */
    public String domain() {
        return "127.0.0.1:" + port;
    }

    public String log() {
        return process == null ? "" : process.logText();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops (SIGTERM by PID) and starts again on the same ports. */
    public void restart() {
        stop();
        launch();
    }

    /** SIGKILL to Kamailio and its children, as a crash: nothing is saved, nobody is told. */
    public void kill() {
        if (process != null) {
            process.kill();
        }
    }

    public void stop() {
        if (process != null) {
            process.close();
        }
    }

    public void launch() {
        List<String> cmd = new ArrayList<>(List.of("kamailio", "-DD", "-E", "-f", run.resolve("kamailio.cfg").toString(),
                "-Y", run.path().toString()));
        for (String d : defines) {
            cmd.add("-A");
            cmd.add(d);
        }
        process = ExternalProcess.start("kamailio", run, cmd);
        if (!ExternalProcess.waitFor(Duration.ofSeconds(10), () -> !process.isAlive() || SipProbe.options(port, 200))) {
            process.close();
            throw new IllegalStateException("kamailio did not answer OPTIONS on " + domain() + " within 10 s; log:\n"
                    + process.logText());
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("kamailio exited at start; log:\n" + process.logText());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Users, TLS and -A defines; {@link #start()} writes the config and waits for OPTIONS to answer. */
    public static final class Builder {
        private final RunDir run;
        private final Map<String, String> users = new LinkedHashMap<>();
        private final List<String> defines = new ArrayList<>();
        private boolean tls;

        Builder(RunDir run) {
            this.run = run;
        }

        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** Also listen on TLS (self-signed cert made with openssl in the run dir). */
        public Builder tls() {
            tls = true;
            return this;
        }

        /** Challenge with SHA-256 digest instead of MD5 (RFC 7616). */
        public Builder sha256() {
            defines.add("WITH_SHA256");
            return this;
        }

        /** Like a PBX dial plan: an INVITE to {@code sip:user@domain;room=NAME} gets {@code Jitsi-Conference-Room: NAME}. */
        public Builder roomHeaderFromUriParameter() {
            defines.add("WITH_ROOM_HEADER");
            return this;
        }

        public Kamailio start() {
            ExternalProcess.requireProgram("kamailio");
            int port = FreePorts.udpAndTcp();
            int tlsPort = tls ? FreePorts.udpAndTcp() : 0;
            Map<String, String> values = Map.of("RUN", run.path().toString(), "PORT", String.valueOf(port),
                    "TLSPORT", String.valueOf(tlsPort));
            run.template("/sip-kit/kamailio/kamailio.cfg", "kamailio.cfg", values);
            run.write("db/version", RunDir.resource("/sip-kit/kamailio/db-version"));
            StringBuilder subscriber = new StringBuilder("id(int,auto) username(string) domain(string) "
                    + "password(string) ha1(string,null) ha1b(string,null) \n");
            int id = 1;
            for (Map.Entry<String, String> u : users.entrySet()) { // $fd has no port: domain is 127.0.0.1
                subscriber.append(id++).append(':').append(u.getKey()).append(":127.0.0.1:").append(u.getValue())
                        .append("::\n");
            }
            run.write("db/subscriber", subscriber.toString());
            if (tls) {
                defines.add("WITH_TLS");
                run.template("/sip-kit/kamailio/tls.cfg", "tls.cfg", values);
                TlsFiles.selfSigned(run);
            }
            Kamailio k = new Kamailio(run, port, tlsPort, List.copyOf(defines));
            k.launch();
            return k;
        }
    }
}
