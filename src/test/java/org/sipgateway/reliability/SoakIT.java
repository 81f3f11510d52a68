package org.sipgateway.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.openfire.OpenfireProcess;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * The soak: a long stream of calls one after another, then many at once held for a while, each phone talking
 * (sipp streams PCMU) and each bridge peer speaking Opus. Afterwards the gateway is back where it started: threads,
 * file descriptors, sockets (UDP media ports among them), XMPP sessions, and heap after GC within 10%.
 * Sizes are system properties so a developer can run the long form: soak.sequential (1000), soak.concurrent (50),
 * soak.hold-seconds (60).
 */
class SoakIT {
    private static final Duration ASK = Duration.ofSeconds(30);
    private static final int SEQUENTIAL = Integer.getInteger("soak.sequential", 1000);
    private static final int CONCURRENT = Integer.getInteger("soak.concurrent", 50);
    private static final int HOLD_SECONDS = Integer.getInteger("soak.hold-seconds", 60);

    @Test
    void callsOneAfterAnotherThenManyAtOnceLeaveTheGatewayAsTheyFoundIt(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        writePhoneVoice(run);
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("soak")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                        // as a Jitsi deployment runs it: an account, not a new anonymous user (and roster) per call
                        .property("sipgateway.xmpp.username", "gateway").property("sipgateway.xmpp.password", "gatewaypw")
                        .property("sipgateway.max-calls", String.valueOf(Math.max(100, CONCURRENT + 10))));
                FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                        "soak@conference.localhost", FocusPeer.RoomSetup.OPEN);
                AutoFocus autoFocus = AutoFocus.start(focus)) {
            final OpenfireProcess of = openfire.process();
            // Openfire forgets the users who left its MUC rooms every 5 minutes (its own housekeeping, not ours): sooner
            // here, so the heap compared below is what the gateway holds
            of.setMucUserSweep(Duration.ofSeconds(10), ASK);
            of.addUser("gateway", "gatewaypw", ASK);
            // each call brings new JIDs (its resource, its nick): Openfire's bounded JID caches are full before the
            // baseline, so the comparison sees what grows without bound
            of.fillJidCaches(12_000, ASK);
            calls(run, openfire, 3, 1, Duration.ofSeconds(1)); // warm-up: codecs, ICE and pools load once per JVM
            lastCall(run, openfire);
            // RFC 3261 17.1.1.2, 17.2.1: a finished call's transactions linger 64*T1 = 32 s by design
            Thread.sleep(35_000);
            final Footprint before = Footprint.settled(of);
            final Map<String, long[]> classesBefore = of.classHistogram(ASK);
            final List<String> filesBefore = of.openFileList();

            calls(run, openfire, SEQUENTIAL, 1, Duration.ofMillis(200));
            calls(run, openfire, CONCURRENT, CONCURRENT, Duration.ofSeconds(HOLD_SECONDS));
            lastCall(run, openfire);
            autoFocus.assertNoFailures();
            assertEquals(5 + SEQUENTIAL + CONCURRENT, autoFocus.offersAccepted(), "every call was offered and accepted");

            // Smack's and ice4j's shared pools keep idle threads for 60 s before they end
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(120), () -> Footprint.of(of).within(before)),
                    "after " + (SEQUENTIAL + CONCURRENT) + " calls the gateway holds more than before it:\n"
                            + Footprint.of(of).against(before) + "\nsockets now:" + of.socketList()
                            + "\nfiles opened since: " + of.openFileList().stream().filter(f -> !filesBefore.contains(f)).toList()
                            + "\nlive objects that grew most (bytes, count, class):\n"
                            + grown(classesBefore, of.classHistogram(ASK)));
            System.out.println("SoakIT: after " + (SEQUENTIAL + CONCURRENT) + " calls " + Footprint.of(of).against(before)
                    + "\nlive objects that grew most (bytes, count, class):\n" + grown(classesBefore, of.classHistogram(ASK)));
        }
    }

    /**
     * A collection, then one ordinary call. Smack keeps the managers of each closed connection in weak maps until the
     * next connection looks them up after a collection: in service the next call clears them, and so does this one,
     * before the baseline and at the end alike.
     */
    private static void lastCall(RunDir run, OpenfireFixture openfire) {
        openfire.process().heapAfterGc(ASK);
        calls(run, openfire, 1, 1, Duration.ofSeconds(1));
    }

    private static void calls(RunDir run, OpenfireFixture openfire, int calls, int atOnce, Duration hold) {
        final Duration limit = Duration.ofSeconds(120 + calls / 2 + 2L * hold.toSeconds());
        final Sipp.Result result = Sipp.scenario(run, "uac_room_call_hold.xml").target(openfire.sipPort())
                .service("gateway").key("room", "soak").calls(calls).limit(atOnce).rate(atOnce == 1 ? 50 : 10)
                .hold(hold).timeLimit(limit).quiet().run(limit.plusSeconds(30));
        assertEquals(0, result.exitCode(), calls + " calls (" + atOnce + " at once): " + result.describe());
    }

    /** The 20 classes whose live objects grew most, one per line. */
    private static String grown(Map<String, long[]> before, Map<String, long[]> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(20)
                .map(e -> "  +" + e.getValue()[0] + " +" + e.getValue()[1] + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** Two seconds of a 440 Hz tone as 8 kHz mu-law, the raw form sipp's rtp_stream plays (G.711, payload type 0). */
    private static void writePhoneVoice(RunDir run) throws Exception {
        final byte[] ulaw = new byte[16000];
        for (int i = 0; i < ulaw.length; i++) {
            ulaw[i] = org.sipgateway.media.codec.G711.linearToUlaw(
                    (short) (6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        Files.write(run.resolve("phone.ulaw"), ulaw);
    }

    /** What the gateway holds that a finished call must give back. */
    record Footprint(int threads, int files, long sockets, int sessions, long heap) {
        static Footprint of(OpenfireProcess of) {
            return new Footprint(of.threadReport(ASK).pluginThreads().size(), of.openFiles(), of.openSockets(),
                    of.clientSessions(ASK), of.heapAfterGc(ASK));
        }

        /** Measured once the warm-up call's pools stopped changing. */
        static Footprint settled(OpenfireProcess of) throws InterruptedException {
            Footprint last = of(of);
            for (int i = 0; i < 20; i++) {
                Thread.sleep(1000);
                final Footprint now = of(of);
                if (now.threads == last.threads && now.files == last.files) {
                    return now;
                }
                last = now;
            }
            return last;
        }

        boolean within(Footprint base) {
            return threads <= base.threads && files <= base.files && sockets <= base.sockets
                    && sessions <= base.sessions && heap <= base.heap * 1.10;
        }

        String against(Footprint base) {
            return List.of("plugin threads " + base.threads + " -> " + threads, "open files " + base.files + " -> " + files,
                    "sockets " + base.sockets + " -> " + sockets, "XMPP sessions " + base.sessions + " -> " + sessions,
                    "heap after GC " + base.heap / 1024 + " KiB -> " + heap / 1024 + " KiB (limit +10%)").toString();
        }
    }
}
