package org.sipgateway.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.media.codec.G711;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.WavFile;
import org.sipgateway.testkit.jitsi.AutoFocus;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * Faults around live calls, with the plugin in a real Openfire registered at a real Kamailio: the XMPP server drops
 * the gateway's connection, the bridge falls silent, the bridge migrates, the registrar crashes and comes back. Each
 * ends the affected call cleanly with a reason (or keeps it going, where it should) and the next call works.
 */
class FaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int RTP_TIMEOUT_SECONDS = 4;
    private static RunDir kit;
    private static Kamailio kamailio;
    private static OpenfireFixture openfire;

    @BeforeAll
    static void start() throws Exception {
        kit = RunDir.create("faults");
        kamailio = Kamailio.builder(kit).user("gw", "gwpw").user("alice", "alicepw").roomHeaderFromUriParameter().start();
        openfire = OpenfireFixture.start(OpenfireFixture.options("faults")
                .property("sipgateway.monitoring.trust-loopback", "true") // the test reads /health or /metrics
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.room-from-request-uri", "true")
                .property("sipgateway.media.rtp-timeout-seconds", String.valueOf(RTP_TIMEOUT_SECONDS))
                .property("sipgateway.sip.account.username", "gw")
                .property("sipgateway.sip.account.password", "gwpw")
                .property("sipgateway.sip.account.registrar", kamailio.domain())
                .property("sipgateway.sip.keepalive", "1")
                .property("sipgateway.sip.register.retry-min", "1")
                .property("sipgateway.sip.register.retry-max", "2"));
    }

    @AfterAll
    static void stop() {
        if (openfire != null) {
            openfire.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void theServerDroppingTheGatewaysXmppConnectionEndsTheCallWithByeAndTheNextCallConnectsWithin10s(TestInfo info)
            throws Exception {
        final RunDir run = phoneRun(info);
        try (FocusPeer focus = focus("dropped"); AutoFocus auto = AutoFocus.start(focus);
                Sipp phone = untilBye(run, "dropped").start()) {
            assertTrue(ExternalProcess.waitFor(WAIT, () -> auto.offersAccepted() == 1), "the call connected");
            assertTrue(uplinkGrows(auto), "the caller is heard in the conference");

            final long dropped = System.nanoTime();
            assertTrue(openfire.process().dropClients("admin", WAIT) >= 1, "Openfire closed the gateway's session");
            final Sipp.Result ended = phone.await(WAIT);
            assertEquals(0, ended.exitCode(), "the phone got a BYE: " + ended.describe());
            assertTrue(byeReason(ended).contains("the XMPP server"),
                    "the BYE says why: " + byeReason(ended));

            final CompletableFuture<Sipp.Result> next = CompletableFuture.supplyAsync(() -> Sipp.scenario(run,
                    "uac_room_call_hold.xml").target(openfire.sipPort()).service("gateway").key("room", "dropped")
                    .hold(Duration.ofSeconds(2)).run(WAIT));
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(10).minusNanos(System.nanoTime() - dropped),
                    () -> auto.offersAccepted() == 2), "a new call is in the room within 10 s of the drop");
            final Sipp.Result second = next.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(0, second.exitCode(), second.describe());
            auto.assertNoFailures();
        }
    }

    @Test
    void aBridgeThatFallsSilentEndsTheCallWithByeAfterTheRtpTimeout(TestInfo info) throws Exception {
        final RunDir run = phoneRun(info);
        try (FocusPeer focus = focus("silent"); JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Sipp phone = untilBye(run, "silent").start()) {
            final FocusCall call = connect(focus, jvb);
            final int caller = (int) call.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedPackets(caller) > 50),
                    "the caller's audio reaches the bridge");

            final long silent = System.nanoTime();
            jvb.close(); // no RTP, no RTCP, no ICE consent: the bridge is gone without a word
            final Sipp.Result ended = phone.await(WAIT);
            final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - silent);
            assertEquals(0, ended.exitCode(), "the phone got a BYE: " + ended.describe());
            assertTrue(byeReason(ended).contains("no audio from the conference bridge for " + RTP_TIMEOUT_SECONDS + " s"),
                    "the BYE says why: " + byeReason(ended));
            assertTrue(seconds >= RTP_TIMEOUT_SECONDS - 1, "it waited for the RTP timeout, ended after " + seconds + " s");
            assertTrue(left(focus), "the participant left the room");
        }
    }

    @Test
    void aBridgeMigrationKeepsTheAudioFlowingBothWays(TestInfo info) throws Exception {
        final RunDir run = phoneRun(info);
        try (FocusPeer focus = focus("migrated"); JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Baresip alice = Baresip.builder(run, "alice").codecs("PCMU/8000/1").tone(1000).start()) {
            alice.command("dial", "sip:migrated@127.0.0.1:" + openfire.sipPort());
            final FocusCall call = connect(focus, jvb);
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            final int caller = (int) call.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedPackets(caller) > 50));

            final var accepted = call.transportReplace(jvb.prepareMigration());
            final int before = jvb.bridge().receivedPackets(caller);
            final long switched = System.nanoTime();
            jvb.completeMigration(accepted);
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(5), () -> jvb.bridge().receivedPackets(caller) > before + 10),
                    "the caller's audio arrives on the new transport");
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - switched);
            assertTrue(millis < 1000, "audio back within 1 s of the migration, took " + millis + " ms");
            final double heardAtSwitch = alice.heardSecondsSoFar();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> alice.heardSecondsSoFar() > heardAtSwitch + 2),
                    "the phone goes on hearing");
            final short[] up = jvb.bridge().receivedAudio(caller);
            assertEquals(1000, SignalAnalysis.dominantFrequency(up, up.length - 24000, up.length, 48000), 10,
                    "the caller's tone after the migration");
            alice.command("hangup", "");
            alice.awaitEvent("CALL_CLOSED", WAIT);
            final WavFile.Audio heard = alice.heardAudio();
            final short[] pcm = heard.samples();
            final int end = pcm.length - heard.sampleRate() / 4;
            assertEquals(440, SignalAnalysis.dominantFrequency(pcm, end - heard.sampleRate(), end, heard.sampleRate()), 10,
                    "the conference's speaker after the migration");
            assertTrue(left(focus), "the participant left the room");
        }
    }

    @Test
    void theRegistrarCrashesAndComesBackTheGatewayRegistersAgainByItselfAndCallsResume(TestInfo info) throws Exception {
        final RunDir run = phoneRun(info);
        final String health = openfire.adminUrl("/plugins/sipgateway/health");
        try (FocusPeer focus = focus("registrar"); AutoFocus auto = AutoFocus.start(focus);
                Baresip alice = Baresip.builder(run, "alice").codecs("PCMU/8000/1").tone(1000)
                        .account("<sip:alice@" + kamailio.domain() + ">;auth_pass=alicepw;regint=600").start()) {
            alice.awaitRegistered(WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> healthStatus(health) == 200), "registered at the start");
            alice.command("dial", "sip:gw@" + kamailio.domain() + ";room=registrar");
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> auto.offersAccepted() == 1), "the call reached the room");

            kamailio.kill();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> healthStatus(health) == 503),
                    "the lost registrar shows in /health");
            assertTrue(uplinkGrows(auto), "the live call's media does not depend on the registrar");
            kamailio.launch();
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(15), () -> healthStatus(health) == 200),
                    "registered again by itself within a retry interval");
            alice.command("hangup", "");
            alice.awaitEvent("CALL_CLOSED", WAIT);

            // the registrar lost every binding in the crash: only the gateway's new registration routes this call
            alice.command("dial", "sip:gw@" + kamailio.domain() + ";room=registrar");
            alice.awaitEvent("CALL_ESTABLISHED", 2, WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> auto.offersAccepted() == 2), "the new call reached the room");
            alice.command("hangup", "");
            alice.awaitEvent("CALL_CLOSED", 2, WAIT);
            auto.assertNoFailures();
        }
    }

    private static FocusPeer focus(String room) throws Exception {
        return FocusPeer.createRoom(TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword()), room + "@conference.localhost", FocusPeer.RoomSetup.OPEN);
    }

    /** The focus offers the bridge peer (one 440 Hz speaker) to the gateway's occupant; the bridge connects and sends. */
    private static FocusCall connect(FocusPeer focus, JvbPeer jvb) throws Exception {
        jvb.addSpeaker(1001, 440, 0.15, false);
        final String nick = focus.awaitGateway();
        final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
        jvb.connect(call.gatewayTransport());
        assertTrue(jvb.awaitConnected(20_000), "bridge connected");
        jvb.startSending();
        return call;
    }

    private static Sipp.Builder untilBye(RunDir run, String room) {
        return Sipp.scenario(run, "uac_room_call_until_bye.xml").target(openfire.sipPort()).service("gateway")
                .key("room", room).timeLimit(Duration.ofSeconds(120));
    }

    /** A run folder with the phone's voice for sipp: two seconds of 440 Hz as raw 8 kHz mu-law. */
    private static RunDir phoneRun(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final byte[] ulaw = new byte[16000];
        for (int i = 0; i < ulaw.length; i++) {
            ulaw[i] = G711.linearToUlaw((short) (6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        Files.write(run.resolve("phone.ulaw"), ulaw);
        return run;
    }

    /** The Reason header of the BYE the gateway sent, from sipp's message trace. */
    private static String byeReason(Sipp.Result result) {
        final String messages = result.messages();
        final int bye = messages.indexOf("BYE sip:");
        if (bye < 0) {
            return "(no BYE)";
        }
        final int reason = messages.indexOf("Reason:", bye);
        return reason < 0 ? "(no Reason)" : messages.substring(reason, messages.indexOf('\n', reason)).trim();
    }

    private static boolean uplinkGrows(AutoFocus auto) {
        final long before = auto.uplinkPackets();
        return ExternalProcess.waitFor(Duration.ofSeconds(5), () -> auto.uplinkPackets() > before + 25);
    }

    private static boolean left(FocusPeer focus) {
        final String nick = focus.observer().gatewaysSeen().iterator().next();
        return ExternalProcess.waitFor(WAIT, () -> focus.muc().getOccupants().stream()
                .noneMatch(o -> o.getResourceOrEmpty().toString().equals(nick)));
    }

    private static int healthStatus(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
