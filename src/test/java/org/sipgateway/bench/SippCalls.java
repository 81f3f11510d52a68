package org.sipgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.FreePorts;
import org.sipgateway.testkit.sip.RunDir;

/** N concurrent sipp dial-in calls (bench_call.xml), each into its room, sending a PCMU file as RTP for a fixed time, with setup times. */
final class SippCalls {
    private final RunDir run;
    private final String name;
    private final ExternalProcess process;

    private SippCalls(RunDir run, String name, ExternalProcess process) {
        this.run = run;
        this.name = name;
        this.process = process;
    }

    /** Starts the calls; call i goes to room {@code roomOfCall[i]} (sipp's injection file, read in order). */
    static SippCalls start(RunDir run, int gatewayPort, String name, int calls, long holdMillis, Path rtpFile,
            List<String> roomOfCall) {
        final String scenario = "bench_call_" + name + ".xml";
        run.write(scenario, template()
                .replace("RTP_FILE", rtpFile.toAbsolutePath().toString()).replace("HOLD_MS", Long.toString(holdMillis)));
        final String injection = "rooms_" + name + ".csv";
        final StringBuilder lines = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < calls; i++) {
            lines.append(roomOfCall.get(i % roomOfCall.size())).append(";\n");
        }
        run.write(injection, lines.toString());
        final List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", run.resolve(scenario).toString(),
                "-inf", run.resolve(injection).toString(),
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", String.valueOf(FreePorts.udpAndTcp()), "-t", "u1",
                "-m", String.valueOf(calls), "-l", String.valueOf(calls), "-r", "10", "-s", "gateway",
                "-nostdin", "-trace_err", "-error_file", run.resolve(name + "_errors.log").toString(),
                "-trace_rtt", "-rtt_freq", "1", "-timeout", "300s", "-max_recv_loops", "100", "127.0.0.1:" + gatewayPort));
        return new SippCalls(run, name, ExternalProcess.start("sipp-" + name, run, cmd));
    }

    private static String template() {
        try (var in = SippCalls.class.getResourceAsStream("/sip-kit/sipp/bench_call.xml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bench_call.xml", e);
        }
    }

    static Outcome run(RunDir run, int gatewayPort, String name, int calls, long holdMillis, Path rtpFile,
            List<String> roomOfCall) {
        return start(run, gatewayPort, name, calls, holdMillis, rtpFile, roomOfCall).await(Duration.ofSeconds(60));
    }

    Outcome await(Duration timeout) {
        final int rc = process.awaitExit(timeout);
        process.close();
        return new Outcome(rc, setupMillis(), run.read(name + "_errors.log"), process.logText());
    }

    /** INVITE to 200 OK of every call, from sipp's -trace_rtt file (date;response time ms;rtd name). */
    private List<Double> setupMillis() {
        final List<Double> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(run.path())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("bench_call_" + name + "_")
                    && p.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    final String[] fields = line.split(";");
                    if (fields.length >= 2 && fields[1].matches("[0-9.]+")) {
                        out.add(Double.parseDouble(fields[1]));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read sipp's rtt file in " + run, e);
        }
        return out;
    }

    record Outcome(int exitCode, List<Double> setups, String errors, String output) {
        double setupPercentile(int p) {
            if (setups.isEmpty()) {
                return Double.NaN;
            }
            final List<Double> sorted = setups.stream().sorted().toList();
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }

        String describe() {
            return "sipp exit " + exitCode + ", " + setups.size() + " setup times\nerrors:\n" + tail(errors)
                    + "\noutput:\n" + tail(output);
        }

        private static String tail(String s) {
            return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
        }
    }
}
