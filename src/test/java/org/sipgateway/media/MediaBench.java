package org.sipgateway.media;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.OpusImplementation;

/**
 * bench/media: N calls in one JVM on loopback (3 Opus speakers over ICE/DTLS-SRTP in, PCMU out to a UDP phone, and
 * the phone's voice back up as Opus) for a fixed time, against the bare codec loop for the same streams.
 * Usage: MediaBench [calls] [seconds] [native|java] [mix codec]. Prints a table. A mix codec other than PCMU runs each call
 * as a dial-out does: the session is created before the answer, mixing at that codec's rate, and answered with PCMU.
 */
public final class MediaBench {
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        OpusImplementation opus = args.length > 2 && args[2].equalsIgnoreCase("java") ? OpusImplementation.JAVA : OpusImplementation.NATIVE;
        AudioCodec mixCodec = args.length > 3 ? AudioCodec.valueOf(args[3].toUpperCase(java.util.Locale.ROOT)) : AudioCodec.PCMU;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MediaConfig config = MediaConfig.loopback().withOpusImplementation(opus);

        try (MediaEngine engine = new MediaEngine(config)) {
            double bareMillisPerSecond = bareLoop(engine, calls, seconds);
            List<TestBridge> bridges = new ArrayList<>();
            List<TestSipPhone> phones = new ArrayList<>();
            List<MediaSession> sessions = new ArrayList<>();
            for (int c = 0; c < calls; c++) { // the peers first, so the heap measured below is the gateway's
                TestBridge bridge = new TestBridge(opus);
                for (int s = 0; s < 3; s++)
                    bridge.addSpeaker(100 * c + s + 1, 440 + 500 * s, 0.15, s == 0);
                bridge.benchmarkMode();
                bridges.add(bridge);
                phones.add(new TestSipPhone());
            }
            long heapBefore = usedHeapAfterGc();
            for (int c = 0; c < calls; c++) {
                TestBridge bridge = bridges.get(c);
                TestSipPhone phone = phones.get(c);
                CallRecorder events = new CallRecorder();
                BridgeParams bridgeParams = BridgeParams.jitsiDefaults(bridge.localIce(), bridge.fingerprint(), 90000 + c);
                SipLegParams answer = SipLegParams.of(AudioCodec.PCMU, 101, phone.address());
                MediaSession session;
                if (mixCodec == AudioCodec.PCMU)
                    session = engine.createSession(answer, bridgeParams, events);
                else {
                    session = engine.createUnansweredSession(mixCodec, events);
                    session.connectBridge(bridgeParams);
                    session.renegotiateSip(answer);
                }
                phone.sendTo(session.sipLocalAddress());
                bridge.start(session.localBridgeDescription());
                session.start();
                if (!events.connected.await(20, TimeUnit.SECONDS))
                    throw new IllegalStateException("call " + c + " did not connect: " + events.failures);
                sessions.add(session);
            }
            long heapConnected = usedHeapAfterGc();
            ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-peers"));
            driver.scheduleAtFixedRate(() -> {
                for (int c = 0; c < bridges.size(); c++) {
                    bridges.get(c).sendFrame();
                    try { phones.get(c).sendTone(800, 0.3); } catch (java.io.IOException ignored) { }
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            // the same streams through codecs only, on the same 20 ms schedule and under the same load as the calls
            List<BareCodecLoop> bare = new ArrayList<>();
            for (int c = 0; c < calls; c++)
                bare.add(new BareCodecLoop(engine.codecs()));
            ScheduledExecutorService bareClock = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-bare"));
            bareClock.scheduleAtFixedRate(() -> bare.forEach(BareCodecLoop::tick), 0, 20, TimeUnit.MILLISECONDS);
            Thread.sleep(1000); // settle: jitter buffers filled, JIT warm
            long gatewayCpu0 = gatewayCpuNanos(threads);
            long mixCpu0 = cpuNanos(threads, "sipgw-media-mix-");
            long bareCpu0 = cpuNanos(threads, "bench-bare");
            long iceCpu0 = ice4jCpuNanos(threads);
            long processCpu0 = processCpuNanos();
            long wall0 = System.nanoTime();
            long up0 = bridges.stream().mapToLong(TestBridge::uplinkPackets).sum();
            Thread.sleep(seconds * 1000L);
            double wallSeconds = (System.nanoTime() - wall0) / 1e9;
            double gatewayMs = (gatewayCpuNanos(threads) - gatewayCpu0) / 1e6;
            double mixMs = (cpuNanos(threads, "sipgw-media-mix-") - mixCpu0) / 1e6;
            double bareInRunMs = (cpuNanos(threads, "bench-bare") - bareCpu0) / 1e6;
            double iceMs = (ice4jCpuNanos(threads) - iceCpu0) / 1e6;
            bareClock.shutdownNow();
            bareClock.awaitTermination(1, TimeUnit.SECONDS);
            bare.forEach(BareCodecLoop::close);
            double bareInRun = bareInRunMs / wallSeconds / calls;
            double processMs = (processCpuNanos() - processCpu0) / 1e6;
            long upPackets = bridges.stream().mapToLong(TestBridge::uplinkPackets).sum() - up0;
            driver.shutdownNow();
            driver.awaitTermination(1, TimeUnit.SECONDS);
            long concealed = sessions.stream().mapToLong(s -> s.stats().bridge().framesConcealed() + s.stats().sip().framesConcealed()).sum();
            for (MediaSession s : sessions)
                s.close();
            for (TestBridge b : bridges)
                b.close();
            for (TestSipPhone p : phones)
                p.close();

            double perCall = gatewayMs / wallSeconds / calls;
            double perCallProcess = processMs / wallSeconds / calls;
            System.out.printf("%nbench/media: %d calls x %d s, Opus %s, mix at %d Hz, %d cores%n", calls, seconds,
                opus.name().toLowerCase(), mixCodec.pcmRate(), Runtime.getRuntime().availableProcessors());
            System.out.println("| measure                                   | value      |");
            System.out.println("|-------------------------------------------|------------|");
            System.out.printf("| bare codec loop, back to back, ms/s/call  | %10.2f |%n", bareMillisPerSecond);
            System.out.printf("| bare codec loop, 20 ms clock, same run    | %10.2f |%n", bareInRun);
            System.out.printf("| gateway media, CPU ms per s per call      | %10.2f |%n", perCall);
            System.out.printf("|   of which the 20 ms mix tick             | %10.2f |%n", mixMs / wallSeconds / calls);
            System.out.printf("|   of which SRTP receive (transport thread)| %10.2f |%n", (gatewayMs - mixMs) / wallSeconds / calls);
            double icePerCall = iceMs / wallSeconds / calls;
            System.out.printf("| ice4j socket threads, both ends, ms/s/call| %10.2f |%n", icePerCall);
            System.out.printf("| ratio gateway / bare (same run)           | %10.2f |%n", perCall / bareInRun);
            // the gateway receives 150 of the 200 packets/s that cross ice4j's sockets, so about 3/4 of that is its own
            System.out.printf("| same, with 3/4 of the ice4j threads       | %10.2f |%n", (perCall + 0.75 * icePerCall) / bareInRun);
            System.out.printf("| ratio gateway / bare (back to back)       | %10.2f |%n", perCall / bareMillisPerSecond);
            System.out.printf("| whole process incl. test peers, ms/s/call | %10.2f |%n", perCallProcess);
            System.out.printf("| calls per core (gateway threads)          | %10.0f |%n", 1000 / perCall);
            System.out.printf("| calls per core (with 3/4 of ice4j)        | %10.0f |%n", 1000 / (perCall + 0.75 * icePerCall));
            System.out.printf("| heap per connected call, KiB              | %10.0f |%n", (heapConnected - heapBefore) / 1024.0 / calls);
            System.out.printf("| uplink packets/s per call (expect 50)     | %10.1f |%n", upPackets / wallSeconds / calls);
            System.out.printf("| concealed frames, all calls               | %10d |%n", concealed);
            // correctness, never timing: audio must have flowed up on every call (50 packets/s when healthy)
            if (upPackets / wallSeconds / calls < 25)
                throw new IllegalStateException("the callers' audio did not reach the bridge: "
                    + String.format("%.1f", upPackets / wallSeconds / calls) + " packets/s per call");
        }
    }

    /** CPU ms per second of audio per call through codecs and mixing only, for {@code calls} calls ticked in turn. */
    private static double bareLoop(MediaEngine engine, int calls, int seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<BareCodecLoop> loops = new ArrayList<>();
        try {
            for (int c = 0; c < calls; c++)
                loops.add(new BareCodecLoop(engine.codecs()));
            for (int i = 0; i < 250; i++)
                loops.forEach(BareCodecLoop::tick); // warm up
            int ticks = Math.max(100, seconds * 50 / 2);
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < ticks; i++)
                loops.forEach(BareCodecLoop::tick);
            double ms = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            return ms / (ticks / 50.0) / calls;
        } finally {
            loops.forEach(BareCodecLoop::close);
        }
    }

    /** CPU of the threads that do the gateway's media work: the mix clock and the gateway-side (DTLS client) transports. */
    private static long gatewayCpuNanos(ThreadMXBean threads) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (n.startsWith("sipgw-media-mix-") || n.startsWith("sipgw-media-bridge-client-"))
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
        }
        return sum;
    }

    private static long cpuNanos(ThreadMXBean threads, String prefix) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet())
            if (t.getName().startsWith(prefix))
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
        return sum;
    }

    /** ice4j's own socket reader threads and pools (both ends of every call). */
    private static long ice4jCpuNanos(ThreadMXBean threads) {
        return cpuNanos(threads, "IceConnector") + cpuNanos(threads, "MergingDatagramSocket") + cpuNanos(threads, "ice4j.");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
