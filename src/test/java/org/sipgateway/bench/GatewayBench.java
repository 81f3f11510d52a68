package org.sipgateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.sipgateway.media.BareCodecLoop;
import org.sipgateway.media.MediaConfig;
import org.sipgateway.media.MediaEngine;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireProcess;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * bench/gateway: a real Openfire with the plugin, a room whose bridge peers send 3 Opus speakers per call, and for
 * each N of a ramp N concurrent sipp dial-in calls sending PCMU, held for a fixed time. Prints one table row per N.
 * Usage: GatewayBench [N ...] [seconds] (with two or more numbers the last is the seconds); --short: N=5, 4 s.
 * Fails (exit 1) only when a call fails or the callers' audio does not reach the bridge, never on timing.
 */
public final class GatewayBench {
    private static final Duration ASK = Duration.ofSeconds(60);
    private static final int CALLS_PER_SECOND = 10;

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> ramp = new ArrayList<>(List.of(10, 25, 50));
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
        final RunDir run = RunDir.create("bench-gateway");
        final Path tone = PcmuTone.write(run.resolve("tone.pcmu"), 800, 0.3, 10);
        final List<String> rows = new ArrayList<>();
        boolean failed = false;
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("bench-gateway")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32"));
                FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                        "bench@conference.localhost", FocusPeer.RoomSetup.OPEN);
                AutoFocus autoFocus = AutoFocus.start(focus, 3);
                MediaEngine codecs = new MediaEngine(MediaConfig.loopback())) {
            final OpenfireProcess of = openfire.process();
            final SippCalls.Outcome warm = SippCalls.run(run, openfire.sipPort(), "warm", 1, 3000, tone);
            if (warm.exitCode() != 0) {
                throw new IllegalStateException("the warm-up call failed: " + warm.describe());
            }
            Thread.sleep(2000);
            final long idle0 = of.cpuMillis();
            Thread.sleep(3000);
            final double idleMsPerSecond = (of.cpuMillis() - idle0) / 3.0;
            System.out.printf("%nbench/gateway: ramp %s, %d s each, 3 Opus speakers per call, PCMU phones (sipp), %d cores,"
                    + " Openfire idle %.1f ms CPU/s%n", ramp, seconds, Runtime.getRuntime().availableProcessors(),
                    idleMsPerSecond);
            for (int calls : ramp) {
                final int accepted0 = autoFocus.offersAccepted();
                final long heap0 = of.heapAfterGc(ASK);
                final long rss0 = of.residentBytes();
                final long rampMillis = 1000L * calls / CALLS_PER_SECOND + 4000; // all calls up, jitter buffers full
                final SippCalls sipp = SippCalls.start(run, openfire.sipPort(), "n" + calls, calls,
                        rampMillis + seconds * 1000L + 1000, tone);
                Thread.sleep(rampMillis);
                final BareClock bare = new BareClock(codecs, calls);
                final long cpu0 = of.cpuMillis();
                final long up0 = autoFocus.uplinkPackets();
                final long wall0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                final double wall = (System.nanoTime() - wall0) / 1e9;
                final double cpuMs = of.cpuMillis() - cpu0;
                final long up = autoFocus.uplinkPackets() - up0;
                final double bareMs = bare.stop() / wall / calls;
                final long heap1 = of.heapAfterGc(ASK);
                final long rss1 = of.residentBytes();
                final SippCalls.Outcome outcome = sipp.await(Duration.ofSeconds(120));
                final double perCall = (cpuMs / wall - idleMsPerSecond) / calls;
                final double upRate = up / wall / calls;
                final int accepted = autoFocus.offersAccepted() - accepted0;
                rows.add(String.format("| %4d | %6.2f | %5.2f | %5.2f | %7.0f | %7.0f | %5.0f / %5.0f | %5.1f | %5.1f%% | n/a | n/a | n/a | %s |",
                        calls, perCall, bareMs, perCall / bareMs, (heap1 - heap0) / 1024.0 / calls,
                        (rss1 - rss0) / 1024.0 / calls, outcome.setupPercentile(50), outcome.setupPercentile(99),
                        upRate, Math.max(0, 100 * (1 - upRate / 50)), 
                        outcome.exitCode() == 0 && accepted >= calls && upRate >= 25 ? "ok" : "FAIL"));
                if (outcome.exitCode() != 0 || accepted < calls || upRate < 25) {
                    failed = true;
                    System.out.println("N=" + calls + ": " + accepted + " offers accepted, " + String.format("%.1f", upRate)
                            + " uplink packets/s per call; " + outcome.describe());
                }
                Thread.sleep(3000); // the calls' threads and sockets wind down before the next step's baseline
            }
            autoFocus.assertNoFailures();
        } finally {
            printTable(rows);
        }
        if (failed) {
            System.exit(1);
        }
    }

    private static void printTable(List<String> rows) {
        System.out.println("| N    | CPU ms/s/call | bare ms/s/call | ratio | heap KiB/call | RSS KiB/call | setup ms p50 / p99 |"
                + " uplink pkt/s/call | bridge loss | bridge jitter | phone loss, jitter | added latency | audio |");
        System.out.println("| target |  | | <= 1.5 | <= 2048 | | | 50 | 0 % | | | <= 30 ms | ok |");
        System.out.println("(target: >= 50 calls per core with no loss, i.e. CPU ms/s/call <= 20)");
        rows.forEach(System.out::println);
        System.out.println("bridge loss = 1 - received/50 packets per second per call (rate, not sequence numbers);"
                + " jitter and added latency are not measured (n/a); sipp does not report the RTP it receives.");
    }

    /** The bare codec loop for the same streams, one instance per call, on a 20 ms clock in this JVM. */
    private static final class BareClock {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private final List<BareCodecLoop> loops = new ArrayList<>();
        private final ScheduledExecutorService clock;
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
            cpu0 = threads.getThreadCpuTime(thread.get().getId());
            clock.scheduleAtFixedRate(() -> loops.forEach(BareCodecLoop::tick), 0, 20, TimeUnit.MILLISECONDS);
        }

        /** CPU milliseconds the loop used since it started. */
        double stop() throws InterruptedException {
            final double ms = (threads.getThreadCpuTime(thread.get().getId()) - cpu0) / 1e6;
            clock.shutdownNow();
            clock.awaitTermination(2, TimeUnit.SECONDS);
            loops.forEach(BareCodecLoop::close);
            return ms;
        }
    }
}
