package org.sipgateway.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.sipgateway.bench.IrregularChirps;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.OpusImplementation;

/**
 * bench/media: N calls in one JVM on loopback (3 Opus speakers over ICE/DTLS-SRTP in, PCMU out to a UDP phone, and
 * the phone's voice back up as Opus) for a fixed time, against the bare codec loop for the same streams; call 0 also
 * carries the latency probe ({@link MediaBenchProbe}). Usage: MediaBench [calls] [seconds] [native|java] [mix codec].
 * Prints a table. A mix codec other than PCMU runs each call as a dial-out does: the session is created before the
 * answer, mixing at that codec's rate, and answered with PCMU. Exit status 1 when the audio is wrong or a figure
 * cannot be measured (a thread CPU time unreadable, no CPU counted); never on timing.
 */
public final class MediaBench {
    /** ice4j's per-socket reader threads: each transport starts one of each, in the thread group that created it. */
    private static final Predicate<Thread> ICE4J_SOCKET = t -> t.getName().startsWith("IceConnector")
        || t.getName().startsWith("MergingDatagramSocket");

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        OpusImplementation opus = args.length > 2 && args[2].equalsIgnoreCase("java") ? OpusImplementation.JAVA : OpusImplementation.NATIVE;
        AudioCodec mixCodec = args.length > 3 ? AudioCodec.valueOf(args[3].toUpperCase(Locale.ROOT)) : AudioCodec.PCMU;
        if (calls < 1 || seconds < 1)
            throw new IllegalArgumentException("calls and seconds must be at least 1: " + calls + ", " + seconds);
        ThreadCpu.requireSupported();
        // what the gateway creates runs in its thread group, the test peers in theirs: ice4j's socket threads
        // inherit the group of the thread that made the transport, so each side's are told apart by their group
        ThreadGroup gatewayGroup = new ThreadGroup("bench-gateway");
        ThreadGroup peersGroup = new ThreadGroup("bench-peers");
        ExecutorService asGateway = Executors.newSingleThreadExecutor(r -> new Thread(gatewayGroup, r, "bench-gateway-setup"));
        ExecutorService asPeers = Executors.newSingleThreadExecutor(r -> new Thread(peersGroup, r, "bench-peers-setup"));
        List<String> problems = new ArrayList<>();
        MediaConfig config = MediaConfig.loopback().withOpusImplementation(opus);

        try (MediaEngine engine = on(asGateway, () -> new MediaEngine(config))) {
            double bareMillisPerSecond = bareLoop(engine, calls, seconds);
            List<TestBridge> bridges = new ArrayList<>();
            List<TestSipPhone> phones = new ArrayList<>();
            List<MediaSession> sessions = new ArrayList<>();
            MediaBenchProbe probe = null;
            for (int c = 0; c < calls; c++) { // the peers first, so the heap measured below is the gateway's
                TestBridge bridge = on(asPeers, () -> new TestBridge(opus));
                TestSipPhone phone = on(asPeers, TestSipPhone::new);
                if (c == 0) {
                    probe = new MediaBenchProbe(bridge, phone, 1, 90000);
                } else {
                    for (int s = 0; s < 3; s++)
                        bridge.addSpeaker(100 * c + s + 1, 440 + 500 * s, 0.15, s == 0);
                    bridge.benchmarkMode();
                }
                bridges.add(bridge);
                phones.add(phone);
            }
            long heapBefore = usedHeapAfterGc();
            for (int c = 0; c < calls; c++) {
                TestBridge bridge = bridges.get(c);
                TestSipPhone phone = phones.get(c);
                CallRecorder events = new CallRecorder();
                BridgeParams bridgeParams = BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), 90000 + c);
                SipLegParams answer = SipLegParams.of(AudioCodec.PCMU, 101, phone.address());
                MediaSession session = on(asGateway, () -> {
                    if (mixCodec == AudioCodec.PCMU)
                        return engine.createSession(answer, bridgeParams, events);
                    MediaSession unanswered = engine.createUnansweredSession(mixCodec, events);
                    unanswered.connectBridge(bridgeParams);
                    unanswered.renegotiateSip(answer);
                    return unanswered;
                });
                phone.sendTo(session.sipLocalAddress());
                on(asPeers, () -> {
                    bridge.start(session.localBridgeDescription());
                    return null;
                });
                on(asGateway, () -> {
                    session.start();
                    return null;
                });
                if (!events.connected.await(20, TimeUnit.SECONDS))
                    throw new IllegalStateException("call " + c + " did not connect: " + events.failures);
                sessions.add(session);
            }
            asGateway.shutdown();
            asPeers.shutdown();
            long heapConnected = usedHeapAfterGc();
            MediaBenchProbe latency = probe;
            ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-peers"));
            driver.scheduleAtFixedRate(() -> {
                for (int c = 0; c < bridges.size(); c++) {
                    bridges.get(c).sendFrame();
                    try {
                        if (c == 0)
                            latency.sendPhoneFrame();
                        else
                            phones.get(c).sendTone(800, 0.3);
                    } catch (java.io.IOException ignored) {
                        // the phone's socket is closed only at the end
                    }
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            // the same streams through codecs only, on the same 20 ms schedule and under the same load as the calls
            List<BareCodecLoop> bare = new ArrayList<>();
            for (int c = 0; c < calls; c++)
                bare.add(new BareCodecLoop(engine.codecs()));
            ScheduledExecutorService bareClock = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-bare"));
            bareClock.scheduleAtFixedRate(() -> bare.forEach(BareCodecLoop::tick), 0, 20, TimeUnit.MILLISECONDS);
            Thread.sleep(1000); // paces the run: jitter buffers filled, JIT warm before the measured window
            Predicate<Thread> gatewaySockets = t -> ICE4J_SOCKET.test(t) && t.getThreadGroup() == gatewayGroup;
            Predicate<Thread> peerSockets = t -> ICE4J_SOCKET.test(t) && t.getThreadGroup() == peersGroup;
            int gatewaySocketThreads = ThreadCpu.of(gatewaySockets).threads();
            int peerSocketThreads = ThreadCpu.of(peerSockets).threads();
            if (gatewaySocketThreads != 2 * calls || peerSocketThreads != 2 * calls)
                throw new IllegalStateException("cannot tell the gateway's ice4j socket threads from the peers': expected 2 per call"
                    + " on each side, found " + gatewaySocketThreads + " in the gateway's thread group and " + peerSocketThreads
                    + " in the peers'");
            Window window = new Window(gatewaySockets);
            long up0 = bridges.stream().mapToLong(TestBridge::uplinkPackets).sum();
            long wall0 = System.nanoTime();
            Thread.sleep(500); // paces the run: the chirps start 0.5 s into the window, as in bench/gateway
            latency.arm();
            Thread.sleep(seconds * 1000L - 500);
            double wallSeconds = (System.nanoTime() - wall0) / 1e9;
            Window.Figures cpu = window.end(wallSeconds, calls);
            long upPackets = bridges.stream().mapToLong(TestBridge::uplinkPackets).sum() - up0;
            bareClock.shutdownNow();
            bareClock.awaitTermination(1, TimeUnit.SECONDS);
            bare.forEach(BareCodecLoop::close);
            Thread.sleep(latency.millisUntilLocatable()); // paces the run: the chirps could still arrive 2 s late
            driver.shutdownNow();
            driver.awaitTermination(1, TimeUnit.SECONDS);
            IrregularChirps.Arrival down = latency.downlink();
            IrregularChirps.Arrival up = latency.uplink();
            List<Double> roundTrips = new ArrayList<>();
            for (MediaSession s : sessions)
                if (s.stats().sip().roundTripMillis() >= 0)
                    roundTrips.add(s.stats().sip().roundTripMillis());
            long concealed = sessions.stream().mapToLong(s -> s.stats().bridge().framesConcealed() + s.stats().sip().framesConcealed()).sum();
            for (MediaSession s : sessions)
                s.close();
            for (TestBridge b : bridges)
                b.close();
            for (TestSipPhone p : phones)
                p.close();

            double upRate = upPackets / wallSeconds / calls;
            if (upRate < 25)
                problems.add(String.format(Locale.ROOT, "the callers' audio did not reach the bridge: %.1f packets/s per call", upRate));
            if (!down.found())
                problems.add("bridge -> phone: " + down.problem());
            if (!up.found())
                problems.add("phone -> bridge: " + up.problem());
            if (roundTrips.size() < calls)
                problems.add((calls - roundTrips.size()) + " of " + calls + " calls measured no RTCP round trip (no RR echoing an SR)");
            problems.addAll(cpu.problems());

            double rttMean = roundTrips.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double rttMax = roundTrips.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            System.out.printf("%nbench/media: %d calls x %d s, Opus %s, mix at %d Hz, %d cores, load average %s%n", calls, seconds,
                opus.name().toLowerCase(Locale.ROOT), mixCodec.pcmRate(), Runtime.getRuntime().availableProcessors(), loadAverage());
            row("measure", "value");
            System.out.println("|----------------------------------------------------|----------------|");
            row("bare codec loop, back to back, ms/s/call", num(bareMillisPerSecond));
            row("bare codec loop, 20 ms clock, same run, ms/s/call", num(cpu.bare()));
            row("gateway, CPU ms per s per call", num(cpu.gateway()));
            row("  of which the 20 ms mix tick", num(cpu.mix()));
            row("  of which SRTP receive (its transport threads)", num(cpu.srtp()));
            row("  of which its ice4j socket threads (" + gatewaySocketThreads + ")", num(cpu.gatewaySockets()));
            row("ice4j shared pools, both ends, ms/s/call", num(cpu.sharedPools()));
            row("ratio gateway / bare (same run)", num(cpu.gateway() / cpu.bare()));
            row("ratio gateway / bare (back to back)", num(cpu.gateway() / bareMillisPerSecond));
            row("whole process incl. test peers, ms/s/call", num(cpu.process()));
            row("calls per core (gateway threads)", cpu.gateway() > 0 ? String.format(Locale.ROOT, "%.0f", 1000 / cpu.gateway()) : "n/a");
            row("heap per connected call, KiB", String.format(Locale.ROOT, "%.0f", (heapConnected - heapBefore) / 1024.0 / calls));
            row("uplink packets/s per call (expect 50)", String.format(Locale.ROOT, "%.1f", upRate));
            row("concealed frames, all calls", Long.toString(concealed));
            row("added latency bridge -> phone, ms (call 0)", down.found() ? String.format(Locale.ROOT, "%.1f", down.latencyMillis()) : "n/a");
            row("added latency phone -> bridge, ms (call 0)", up.found() ? String.format(Locale.ROOT, "%.1f", up.latencyMillis()) : "n/a");
            row("RTCP round trip to the phones, ms, mean / max", roundTrips.isEmpty() ? "n/a"
                : String.format(Locale.ROOT, "%.1f / %.1f", rttMean, rttMax));
            System.out.printf(Locale.ROOT, "chirp correlation down %.2f / up %.2f (below %.2f: not heard); see docs/BENCHMARK.md%n",
                down.correlation(), up.correlation(), 0.5);
            problems.forEach(p -> System.out.println("FAIL: " + p));
        }
        if (!problems.isEmpty())
            System.exit(1);
    }

    /** The CPU counters at the start of the measured window; {@link #end} turns them into per-call figures. */
    private static final class Window {
        private static final Predicate<Thread> MIX = t -> t.getName().startsWith("sipgw-media-mix-");
        private static final Predicate<Thread> SRTP = t -> t.getName().startsWith(org.sipgateway.media.transport.BridgeTransport.THREAD_PREFIX + "client-");
        private static final Predicate<Thread> BARE = t -> t.getName().startsWith("bench-bare");
        private static final Predicate<Thread> POOLS = t -> t.getName().startsWith("ice4j.");
        private final Predicate<Thread> gatewaySockets;
        private final ThreadCpu.Snapshot mix0 = ThreadCpu.of(MIX);
        private final ThreadCpu.Snapshot srtp0 = ThreadCpu.of(SRTP);
        private final ThreadCpu.Snapshot sockets0;
        private final ThreadCpu.Snapshot pools0 = ThreadCpu.of(POOLS);
        private final ThreadCpu.Snapshot bare0 = ThreadCpu.of(BARE);
        private final long process0 = ThreadCpu.process();

        record Figures(double mix, double srtp, double gatewaySockets, double sharedPools, double bare, double process,
            List<String> problems) {
            double gateway() { return mix + srtp + gatewaySockets; }
        }

        Window(Predicate<Thread> gatewaySockets) {
            this.gatewaySockets = gatewaySockets;
            this.sockets0 = ThreadCpu.of(gatewaySockets);
        }

        /** CPU ms per second of the window per call, for each group of threads. */
        Figures end(double wallSeconds, int calls) {
            double per = wallSeconds * calls * 1e6;
            Figures f = new Figures(ThreadCpu.of(MIX).since(mix0) / per, ThreadCpu.of(SRTP).since(srtp0) / per,
                ThreadCpu.of(gatewaySockets).since(sockets0) / per, ThreadCpu.of(POOLS).since(pools0) / per,
                ThreadCpu.of(BARE).since(bare0) / per, (ThreadCpu.process() - process0) / per, new ArrayList<>());
            if (!(f.gateway() > 0))
                f.problems().add("the gateway's threads used no CPU over the window: nothing was measured");
            if (!(f.bare() > 0))
                f.problems().add("the bare codec loop used no CPU over the window: nothing was measured");
            return f;
        }
    }

    private static <T> T on(ExecutorService thread, Callable<T> work) throws Exception {
        try {
            return thread.submit(work).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void row(String measure, String value) {
        System.out.printf("| %-50s | %14s |%n", measure, value);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "n/a";
    }

    /** CPU ms per second of audio per call through codecs and mixing only, for {@code calls} calls ticked in turn. */
    private static double bareLoop(MediaEngine engine, int calls, int seconds) {
        List<BareCodecLoop> loops = new ArrayList<>();
        try {
            for (int c = 0; c < calls; c++)
                loops.add(new BareCodecLoop(engine.codecs()));
            for (int i = 0; i < 250; i++)
                loops.forEach(BareCodecLoop::tick); // warm up
            int ticks = Math.max(100, seconds * 50 / 2);
            long cpu0 = ThreadCpu.current();
            for (int i = 0; i < ticks; i++)
                loops.forEach(BareCodecLoop::tick);
            double ms = (ThreadCpu.current() - cpu0) / 1e6;
            if (!(ms > 0))
                throw new IllegalStateException("the bare codec loop used no CPU for " + ticks + " ticks: nothing was measured");
            return ms / (ticks / 50.0) / calls;
        } finally {
            loops.forEach(BareCodecLoop::close);
        }
    }

    /** The machine's 1-minute load average (proc(5)): other work on the machine shows here. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50); // lets the collector finish; not a measurement
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
