package org.sipgateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipgateway.media.RtpReception;

/**
 * One step of bench/gateway: N sipp calls plus the latency probe, measured over the held window, and its table row.
 * Per-call figures divide by the calls the gateway carried (N + 1: the probe is a call too); {@code machine} says how
 * the cores were shared during the window, printed under the table.
 */
record StepResult(int calls, double cpuPerCall, double bareMsPerCall, double heapKiB, double rssKiB, double setupP50,
        double setupP99, double uplinkRate, RtpReception.Counts bridge, double bridgeMeanJitter, LatencyProbe.Result probe,
        double[] gatewayLoss, String machine, List<String> problems) {
    /** The benchmark's targets (docs/BENCHMARK.md): ratio, >= 50 calls per core (20 ms CPU per s per call), latency, heap per call. */
    static final double MAX_RATIO = 1.5;
    static final double MAX_CPU_MS = 1000.0 / 50;
    static final double MAX_LATENCY_MS = 30;
    static final double MAX_HEAP_KIB = 2048;

    static final String HEADER = "| N (+probe) | calls/core | CPU ms/s/call | bare ms/s/call | ratio | heap KiB/call"
            + " | RSS KiB/call | setup ms p50 / p99 | latency ms down / up | bridge end: pkt/s/call, loss, jitter ms mean / max"
            + " | phone end: loss, jitter ms | gateway's loss sip / bridge | audio | targets |";
    static final String SEPARATOR = "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    static final String TARGETS = "| target | >= 50 | <= 20 | | <= 1.5 | <= 2048 | | | <= 30 / <= 30 | 50, 0 %, | 0 %, |"
            + " 0 % / 0 % | ok | |";

    /** The audio went where it should: every call up, offers accepted, uplink flowing, the probe's chirps found. */
    boolean audioOk() {
        return problems.isEmpty();
    }

    double ratio() {
        return cpuPerCall / bareMsPerCall;
    }

    private double latencyDown() {
        return probe == null ? Double.NaN : probe.down().latencyMillis();
    }

    private double latencyUp() {
        return probe == null ? Double.NaN : probe.up().latencyMillis();
    }

    /** The targets this step missed (timing never fails the run). */
    List<String> missed() {
        final List<String> out = new ArrayList<>();
        if (!(cpuPerCall <= MAX_CPU_MS)) {
            out.add("calls/core");
        }
        if (!(ratio() <= MAX_RATIO)) {
            out.add("ratio");
        }
        if (!(heapKiB <= MAX_HEAP_KIB)) {
            out.add("heap");
        }
        if (!(latencyDown() <= MAX_LATENCY_MS && latencyUp() <= MAX_LATENCY_MS)) {
            out.add("latency");
        }
        if (bridge.lost() > 0 || probe == null || probe.phone().lost() > 0) {
            out.add("loss");
        }
        return out;
    }

    String row() {
        final String phone = probe == null ? "n/a" : String.format(Locale.ROOT, "%s, %.1f",
                percent(probe.phone().lossPercent()), probe.phone().jitterMillis());
        final List<String> missed = missed();
        return String.format(Locale.ROOT, "| %d+1 | %s | %.2f | %.2f | %s | %.0f | %.0f | %.0f / %.0f | %s / %s"
                + " | %.1f, %s, %.1f / %.1f | %s | %s / %s | %s | %s |",
                calls, cpuPerCall > 0 ? String.format(Locale.ROOT, "%.0f", 1000 / cpuPerCall) : "n/a", cpuPerCall, bareMsPerCall, cpuPerCall > 0 && bareMsPerCall > 0 ? String.format(Locale.ROOT, "%.2f", ratio()) : "n/a", heapKiB, rssKiB, setupP50, setupP99,
                millis(latencyDown()), millis(latencyUp()), uplinkRate, percent(bridge.lossPercent()), bridgeMeanJitter,
                bridge.jitterMillis(), phone, percent(gatewayLoss[0]), percent(gatewayLoss[1]),
                audioOk() ? "ok" : "FAIL", missed.isEmpty() ? "met" : "missed: " + String.join(", ", missed));
    }

    private static String millis(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v);
    }

    static void printTable(List<StepResult> steps) {
        System.out.println();
        System.out.println(HEADER);
        System.out.println(SEPARATOR);
        System.out.println(TARGETS);
        steps.forEach(s -> System.out.println(s.row()));
        System.out.println("calls/core = 1000 / CPU ms/s/call (target >= 50 with no loss). Loss from RTP sequence numbers,"
                + " jitter = RFC 3550 interarrival jitter; bridge end: all calls' uplink at the bridge peers; phone end: the"
                + " probe call's downlink; gateway's loss: its /metrics counters (sip = from phones, bridge = from the bridge)."
                + " Latency: the probe call's chirps, arrival - send on loopback. See docs/BENCHMARK.md.");
        for (StepResult s : steps) {
            System.out.println("N=" + s.calls + ": " + s.machine);
            if (s.probe != null) {
                System.out.printf(Locale.ROOT, "N=%d: probe setup %.0f ms, chirp correlation down %.2f / up %.2f%n", s.calls,
                        s.probe.setupMillis(), s.probe.down().correlation(), s.probe.up().correlation());
            }
            s.problems.forEach(p -> System.out.println("N=" + s.calls + " FAIL: " + p));
        }
    }
}
