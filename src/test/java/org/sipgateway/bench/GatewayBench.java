package org.sipgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.sipgateway.media.BareCodecLoop;
import org.sipgateway.media.MediaConfig;
import org.sipgateway.media.MediaEngine;
import org.sipgateway.media.RtpReception;
import org.sipgateway.media.ThreadCpu;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireProcess;
import org.sipgateway.testkit.sip.RunDir;

/**
 * bench/gateway: a real Openfire with the plugin, rooms of 10 callers ({@link BenchRooms}) whose bridge peers send 3
 * Opus speakers per call, and for each N of a ramp N concurrent sipp dial-in calls sending PCMU plus one latency
 * probe call ({@link LatencyProbe}), held for a fixed time. Prints one table row per N ({@link StepResult}).
 * Usage: GatewayBench [N ...] [seconds] (with two or more numbers the last is the seconds); --short: N=5, 4 s.
 * Fails (exit 1) only when a call or an offer fails, the callers' audio does not reach the bridge, or the probe's
 * chirps are not heard at either end; never on timing.
 */
public final class GatewayBench {
    private static final Duration ASK = Duration.ofSeconds(60);
    private static final int CALLS_PER_SECOND = 10;
    /** The probe's chirps start this long into the measured window. */
    private static final long CHIRPS_AFTER_MILLIS = 500;

    private final RunDir run;
    private final Path tone;
    private final OpenfireFixture openfire;
    private final BenchRooms rooms;
    private final MediaEngine codecs;
    private final double idleMsPerSecond;

    private GatewayBench(RunDir run, Path tone, OpenfireFixture openfire, BenchRooms rooms, MediaEngine codecs,
            double idleMsPerSecond) {
        this.run = run;
        this.tone = tone;
        this.openfire = openfire;
        this.rooms = rooms;
        this.codecs = codecs;
        this.idleMsPerSecond = idleMsPerSecond;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> ramp = new ArrayList<>(List.of(10, 25, 50, 100));
        int seconds = 20;
        if (args.length == 1 && args[0].equals("--short")) {
            ramp = List.of(5);
            seconds = 4;
        } else if (args.length == 1) {
            ramp = List.of(Integer.parseInt(args[0]));
        } else if (args.length > 1) {
            ramp = new ArrayList<>();
            for (int i = 0; i < args.length - 1; i++) {
                ramp.add(Integer.parseInt(args[i]));
            }
            seconds = Integer.parseInt(args[args.length - 1]);
        }
        if (seconds < 3 || seconds > 600 || ramp.stream().anyMatch(n -> n < 1 || n > 1000)) {
            throw new IllegalArgumentException("calls 1..1000 per step, 3..600 seconds each");
        }
        ThreadCpu.requireSupported();
        final RunDir run = RunDir.create("bench-gateway");
        final Path tone = PcmuTone.write(run.resolve("tone.pcmu"), 800, 0.3, 10);
        final List<StepResult> steps = new ArrayList<>();
        final int maxCalls = ramp.stream().mapToInt(Integer::intValue).max().orElse(1);
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("bench-gateway")
                        .property("sipgateway.monitoring.trust-loopback", "true") // the test reads /health or /metrics
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                        // the admission limit (100 by default) is not what is measured: room for N + probe + stragglers
                        .property("sipgateway.max-calls", Integer.toString(maxCalls + 10)));
                BenchRooms rooms = BenchRooms.create(openfire, maxCalls);
                MediaEngine codecs = new MediaEngine(MediaConfig.loopback())) {
            final OpenfireProcess of = openfire.process();
            final SippCalls.Outcome warm = SippCalls.run(run, openfire.sipPort(), "warm", 1, 3000, tone, rooms.roomsOf(1));
            if (warm.exitCode() != 0) {
                throw new IllegalStateException("the warm-up call failed: " + warm.describe());
            }
            Thread.sleep(2000);
            final long idle0 = of.cpuMillis();
            Thread.sleep(3000);
            final double idle = (of.cpuMillis() - idle0) / 3.0;
            System.out.printf("%nbench/gateway: ramp %s (+1 latency probe call each), %d s each, %d rooms of up to %d callers,"
                    + " 3 Opus speakers per call, PCMU phones (sipp), %d cores, Openfire idle %.1f ms CPU/s%n", ramp, seconds,
                    rooms.size(), BenchRooms.CALLS_PER_ROOM, Runtime.getRuntime().availableProcessors(), idle);
            final GatewayBench bench = new GatewayBench(run, tone, openfire, rooms, codecs, idle);
            for (int calls : ramp) {
                steps.add(bench.step(calls, seconds));
                Thread.sleep(3000); // the calls' threads and sockets wind down before the next step's baseline
            }
            try {
                rooms.assertNoFailures();
            } catch (AssertionError e) { // already counted per step (offers accepted); the first cause, for the log
                System.out.println("offers that failed: " + e.getMessage());
            }
        } finally {
            StepResult.printTable(steps);
        }
        if (steps.stream().anyMatch(s -> !s.audioOk())) {
            System.exit(1);
        }
    }

    /** N sipp calls and the probe, up together; measured over {@code seconds} once all are up. */
    private StepResult step(int calls, int seconds) throws Exception {
        final OpenfireProcess of = openfire.process();
        final int carried = calls + 1;
        final List<String> problems = new ArrayList<>();
        final int accepted0 = rooms.offersAccepted();
        final long heap0 = of.heapAfterGc(ASK);
        final long rss0 = of.residentBytes();
        final long rampMillis = 1000L * calls / CALLS_PER_SECOND + 4000; // all calls up, jitter buffers full
        final long start = System.nanoTime();
        final SippCalls sipp = SippCalls.start(run, openfire.sipPort(), "n" + calls, calls,
                rampMillis + seconds * 1000L + 3000, tone, rooms.roomsOf(calls));
        LatencyProbe probe = null;
        try {
            probe = LatencyProbe.dial(rooms.probeRoom(), openfire.sipPort(), rooms.probeRoomName(),
                    LatencyProbe.SHOWN_NAME + "-" + calls,
                    (int) (rampMillis / 1000) + seconds + 15);
        } catch (Exception e) {
            problems.add("the probe call failed: " + e.getMessage());
        }
        try {
            Thread.sleep(Math.max(0, rampMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            final BareClock bare = new BareClock(codecs, carried); // first: it pre-encodes its streams
            final String metricsUrl = openfire.adminUrl("/plugins/sipgateway/metrics");
            final GatewayRtpCounters gateway0 = GatewayRtpCounters.read(metricsUrl);
            final RtpReception.Counts phone0 = probe == null ? RtpReception.Counts.NONE : probe.phoneReception();
            final RtpReception.Counts bridge0 = rooms.uplinkReception().totals();
            final long up0 = rooms.uplinkPackets();
            final long cpu0 = of.cpuMillis();
            final long peersCpu0 = peersCpuNanos();
            final long wall0 = System.nanoTime();
            Thread.sleep(CHIRPS_AFTER_MILLIS);
            if (probe != null) {
                probe.startChirps();
            }
            Thread.sleep(seconds * 1000L - CHIRPS_AFTER_MILLIS);
            final double wall = (System.nanoTime() - wall0) / 1e9;
            final double cpuMs = of.cpuMillis() - cpu0;
            final String machine = String.format(Locale.ROOT, "Openfire %.2f cores, this JVM (bridge peers, probe,"
                    + " bare loop) %.2f cores, load average %s", cpuMs / wall / 1000,
                    (peersCpuNanos() - peersCpu0) / 1e9 / wall, loadAverage());
            final double bareMs = bare.stop();
            final long up = rooms.uplinkPackets() - up0;
            final AutoFocus.UplinkReception bridge = rooms.uplinkReception();
            final GatewayRtpCounters gateway1 = GatewayRtpCounters.read(metricsUrl);
            final long heap1 = of.heapAfterGc(ASK);
            final long rss1 = of.residentBytes();
            final LatencyProbe.Result probed = probe == null ? null : probe.finish(phone0);
            final SippCalls.Outcome outcome = sipp.await(Duration.ofSeconds(120));
            final double upRate = up / wall / carried;
            final int accepted = rooms.offersAccepted() - accepted0;
            if (outcome.exitCode() != 0) {
                problems.add(outcome.describe());
            }
            if (accepted < carried) {
                problems.add(accepted + " of " + carried + " offers accepted");
            }
            if (upRate < 25) {
                problems.add(String.format("%.1f uplink packets/s per call reached the bridge (50 sent)", upRate));
            }
            if (probed != null) {
                problems.addAll(probed.problems());
            }
            if (!(cpuMs > 0)) {
                problems.add(String.format(Locale.ROOT, "Openfire's CPU time did not advance over the %.1f s window: nothing was measured", wall));
            } else if (!(cpuMs / wall - idleMsPerSecond > 0)) {
                problems.add(String.format(Locale.ROOT, "Openfire used %.1f ms CPU/s, not more than its idle %.1f: no cost per call measured",
                        cpuMs / wall, idleMsPerSecond));
            }
            if (!(bareMs > 0)) {
                problems.add("the bare codec loop used no CPU over the window: nothing was measured");
            }
            return new StepResult(calls, (cpuMs / wall - idleMsPerSecond) / carried, bareMs,
                    (heap1 - heap0) / 1024.0 / carried, (rss1 - rss0) / 1024.0 / carried, outcome.setupPercentile(50),
                    outcome.setupPercentile(99), upRate, bridge.totals().since(bridge0), bridge.meanJitterMillis(), probed,
                    gateway1.lossPercentSince(gateway0), machine, problems);
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    /** CPU time of this JVM: the bridge peers, the probe and the bare loop share the machine with Openfire. */
    private static long peersCpuNanos() {
        return ThreadCpu.process();
    }

    /** The machine's 1-minute load average (proc(5)): other work on the machine shows here. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /**
     * The bare codec loop for the same streams, one instance per call, on a 20 ms clock in this JVM. Its cost is
     * taken per tick it ran, so a starved clock (fewer ticks than seconds * 50) still gives the cost per audio second.
     */
    private static final class BareClock {
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private final List<BareCodecLoop> loops = new ArrayList<>();
        private final ScheduledExecutorService clock;
        private final AtomicLong ticks = new AtomicLong();
        /** The clock thread's CPU time after its last tick: read by the thread itself, so it matches the count. */
        private volatile long cpuAfterLastTick;
        private final long cpu0;

        BareClock(MediaEngine engine, int calls) throws Exception {
            for (int c = 0; c < calls; c++) {
                loops.add(new BareCodecLoop(engine.codecs()));
            }
            clock = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "bench-bare");
                thread.set(t);
                return t;
            });
            clock.submit(() -> { }).get();
            cpu0 = ThreadCpu.of(thread.get());
            cpuAfterLastTick = cpu0;
            clock.scheduleAtFixedRate(() -> {
                loops.forEach(BareCodecLoop::tick);
                cpuAfterLastTick = ThreadCpu.current();
                ticks.incrementAndGet();
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        /** Stops; CPU milliseconds per second of audio (50 ticks) per call. */
        double stop() throws InterruptedException {
            clock.shutdownNow();
            clock.awaitTermination(2, TimeUnit.SECONDS);
            final double ms = (cpuAfterLastTick - cpu0) / 1e6;
            loops.forEach(BareCodecLoop::close);
            return ms / Math.max(1, ticks.get()) * 50 / loops.size();
        }
    }
}
