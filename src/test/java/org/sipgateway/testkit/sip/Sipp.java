package org.sipgateway.testkit.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * sipp (Debian sip-tester) running a scenario from the class path {@code /sip-kit/sipp/}.
 * <pre>
 * Sipp.Result r = Sipp.scenario(run, "uac_call.xml").target(gatewayPort).run(Duration.ofSeconds(20));
 * assertEquals(0, r.exitCode(), r.describe());
 * try (Sipp uas = Sipp.scenario(run, "uas_answer.xml").start()) { ... uas.port() ... uas.await(...) }
 * </pre>
 * Every SIP message sipp sent or received is in {@link Result#messages()} (sipp -trace_msg).
 */
public final class Sipp implements AutoCloseable {

    private final RunDir run;
    private final String name;
    private final int port;
    private final ExternalProcess process;

    private Sipp(RunDir run, String name, int port, ExternalProcess process) {
        this.run = run;
        this.name = name;
        this.port = port;
        this.process = process;
    }

    public static Builder scenario(RunDir run, String scenario) {
        return new Builder(run, scenario);
    }

    /** sipp's own SIP port. */
    public int port() {
        return port;
    }

    /** Waits for sipp to finish its calls. */
    public Result await(Duration timeout) {
        int rc = process.awaitExit(timeout);
        return new Result(rc, run.read(name + "_messages.log"), run.read(name + "_errors.log"), process.logText());
    }

    /** What sipp saw so far. */
    public String messagesSoFar() {
        return run.read(name + "_messages.log");
    }

    @Override
    public void close() {
        process.close();
    }

    /** Exit code 0 means every call passed the scenario. */
    public record Result(int exitCode, String messages, String errors, String output) {
        public String describe() {
            return "sipp exit " + exitCode + "\nerrors:\n" + tail(errors) + "\noutput:\n" + tail(output)
                    + "\nmessages:\n" + tail(messages);
        }

        private static String tail(String s) {
            return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
        }
    }

    /** Options map to sipp flags; defaults: one call, loopback, UDP, free local port. */
    public static final class Builder {
        private final RunDir run;
        private final String scenario;
        private final List<String> extra = new ArrayList<>();
        private String localAddress = "127.0.0.1";
        private int target;
        private int calls = 1;
        private String service;
        private String transport = "u1";
        private boolean traceMessages = true;
        private Duration timeLimit = Duration.ofSeconds(120);

        Builder(RunDir run, String scenario) {
            this.run = run;
            this.scenario = scenario;
        }

        /** Remote SIP port on 127.0.0.1 (clients); servers leave it unset. */
        public Builder target(int port) { target = port; return this; }
        /** Source address, e.g. 127.0.0.2 to play an untrusted peer on loopback. */
        public Builder localAddress(String a) { localAddress = a; return this; }
        public Builder calls(int n) { calls = n; return this; }
        /** Calls per second (-r). */
        public Builder rate(int perSecond) { extra.add("-r"); extra.add(String.valueOf(perSecond)); return this; }
        /** At most this many calls at once (-l). */
        public Builder limit(int n) { extra.add("-l"); extra.add(String.valueOf(n)); return this; }
        /** Request-URI user ([service]). */
        public Builder service(String s) { service = s; return this; }
        /** Digest credentials for {@code auth="true"} receives (-au/-ap). */
        public Builder auth(String user, String password) {
            extra.addAll(List.of("-au", user, "-ap", password));
            return this;
        }
        /** A [key] value for the scenario (-key). */
        public Builder key(String key, String value) { extra.addAll(List.of("-key", key, value)); return this; }
        public Builder tcp() { transport = "t1"; return this; }
        /** How long a scenario's {@code <pause/>} without a duration holds the call (-d). */
        public Builder hold(Duration d) { extra.addAll(List.of("-d", String.valueOf(d.toMillis()))); return this; }
        /** sipp ends itself after this long, whatever is still running (-timeout; default 120 s). */
        public Builder timeLimit(Duration d) { timeLimit = d; return this; }
        /** No message trace (load tests: the log would be huge). */
        public Builder quiet() { traceMessages = false; return this; }

        public Sipp start() {
            String name = "sipp-" + scenario.replace(".xml", "") + "-" + System.nanoTime() % 100000;
            run.write(scenario, RunDir.resource("/sip-kit/sipp/" + scenario));
            int port = FreePorts.udpAndTcp();
            List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", run.resolve(scenario).toString(),
                    "-i", localAddress, "-mi", localAddress, "-p", String.valueOf(port), "-t", transport,
                    "-m", String.valueOf(calls), "-nostdin", "-trace_err", "-error_file",
                    run.resolve(name + "_errors.log").toString(), "-timeout", timeLimit.toSeconds() + "s", "-max_recv_loops", "100"));
            if (traceMessages) {
                cmd.addAll(List.of("-trace_msg", "-message_file", run.resolve(name + "_messages.log").toString()));
            }
            if (service != null) {
                cmd.addAll(List.of("-s", service));
            }
            cmd.addAll(extra);
            if (target > 0) {
                cmd.add("127.0.0.1:" + target);
            }
            return new Sipp(run, name, port, ExternalProcess.start(name, run, cmd));
        }

        /** Runs to the end and returns what happened. */
        public Result run(Duration timeout) {
            try (Sipp s = start()) {
                return s.await(timeout);
            }
        }
    }
}
