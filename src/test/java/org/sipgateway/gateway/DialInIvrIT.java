package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.gateway.ivr.PromptLibrary;
import org.sipgateway.gateway.ivr.PromptName;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;
import org.sipgateway.testkit.audio.WavFile;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.FreePorts;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.Sipp;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * Callers who cannot send a room header: the keypad IVR of the plugin in a real Openfire answers them, plays the
 * prompt, takes the PIN as RFC 4733 (baresip, sipp) or SIP INFO (sipp), and joins the PIN's room, where the focus
 * test peer sees the gateway and the bridge test peer's tone reaches the phone.
 */
class DialInIvrIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final PromptLibrary PROMPTS = PromptLibrary.load("en", null);
    private static final int ENTRY_TIMEOUT_SECONDS = 6; // long enough for nine digits and # after the prompt
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in-ivr")
                .property("sipgateway.monitoring.trust-loopback", "true") // the test reads /health or /metrics
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.ivr.enabled", "true")
                .property("sipgateway.ivr.number", "0")
                .property("sipgateway.ivr.entry-timeout-seconds", String.valueOf(ENTRY_TIMEOUT_SECONDS))
                .property("sipgateway.ivr.digit-timeout-seconds", "3")
                // sipp sends no audio; the IVR's own timeouts must end those calls, not the RTP timeout
                .property("sipgateway.media.rtp-timeout-seconds", "90"));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void aCallerWithoutHeaderHearsThePromptTypesThePinAndJoinsThatRoom(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "ivrstandup@conference.localhost";
        final String pin = pinOf(room);
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN);
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Baresip alice = Baresip.builder(run, "alice").codecs("PCMU/8000/1").tone(1000).start()) {
            jvb.addSpeaker(1001, 440, 0.15, false);
            alice.command("dial", "sip:+4930123@127.0.0.1:" + openfire.sipPort()); // no header, no room in the URI
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            final double prompt = seconds(PromptName.ENTER_PIN);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> alice.heardSecondsSoFar() > prompt + 1),
                    "the prompt has played: " + alice.heardSecondsSoFar() + " s recorded");
            final double typedAt = alice.heardSecondsSoFar();
            alice.command("sndcode", pin + "#");

            final String nick = focus.awaitGateway(); // the gateway joined the PIN's room
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                    List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
            jvb.connect(call.gatewayTransport());
            assertTrue(jvb.awaitConnected(20_000), "ICE and DTLS between the gateway and the bridge");
            jvb.startSending();
            final int caller = (int) call.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedAudio(caller).length > 2 * 48000),
                    "the caller's voice reaches the bridge");
            final short[] up = jvb.bridge().receivedAudio(caller);
            assertEquals(1000, SignalAnalysis.dominantFrequency(up, up.length - 48000, up.length, 48000), 10);
            final double connectedAt = alice.heardSecondsSoFar();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> alice.heardSecondsSoFar() > connectedAt + 3),
                    "the conference plays to the phone");
            assertTrue(focus.observer().statusSequence(nick).contains("Connected"), focus.observer().statusSequence(nick).toString());
            assertTrue(statusPage().contains("<td>" + room + "</td><td class=\"pin\">" + pin + "</td>"),
                    "the status page shows the room's PIN while it has a call: " + statusPage());
            alice.command("hangup", "");
            alice.awaitEvent("CALL_CLOSED", WAIT);

            final WavFile.Audio heard = alice.heardAudio();
            final double[] speech = speechSpan(heard, 0, typedAt);
            assertTrue(speech[0] < 1.5, "the prompt starts when the call is answered: at " + speech[0] + " s");
            assertEquals(prompt, speech[1] - speech[0], 0.6, "what the caller heard before typing is the prompt's length ("
                    + prompt + " s): speech from " + speech[0] + " to " + speech[1] + " s");
            final short[] pcm = heard.samples();
            final int rate = heard.sampleRate();
            final int end = pcm.length - rate / 4;
            assertEquals(440, SignalAnalysis.dominantFrequency(pcm, end - rate, end, rate), 10,
                    "then the phone hears the conference's 440 Hz speaker");
        }
    }

    @Test
    void threeWrongPinsAsRfc4733EndWithGoodbyeAndBye(TestInfo info) {
        final RunDir run = RunDir.create(info.getDisplayName());
        final long start = System.nanoTime();
        final Sipp.Result result = Sipp.scenario(run, "uac_ivr_wrong_pins.xml").target(openfire.sipPort())
                .service("0").run(Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.describe());
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds > 7 + seconds(PromptName.GOODBYE), "the BYE waited for the goodbye prompt: " + seconds + " s");
    }

    @Test
    void aCallerWhoTypesNothingIsAskedAgainAndThenHungUpOn(TestInfo info) {
        final RunDir run = RunDir.create(info.getDisplayName());
        final long start = System.nanoTime();
        final Sipp.Result result = Sipp.scenario(run, "uac_ivr_silent.xml").target(openfire.sipPort())
                .service("somebody").run(Duration.ofSeconds(90));
        assertEquals(0, result.exitCode(), result.describe());
        final double seconds = (System.nanoTime() - start) / 1e9;
        final double expected = 3 * (seconds(PromptName.ENTER_PIN) + ENTRY_TIMEOUT_SECONDS) + seconds(PromptName.GOODBYE);
        assertTrue(seconds > expected - 0.5, "three prompts, three entry timeouts and goodbye take " + expected
                + " s; the BYE came after " + seconds + " s");
    }

    @Test
    void aCallerWhoHangsUpDuringThePromptLeavesNoCallAndNoRtpPortBehind(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final Sipp.Result result = Sipp.scenario(run, "uac_ivr_hangup.xml").target(openfire.sipPort()).service("0")
                .run(WAIT);
        assertEquals(0, result.exitCode(), result.describe());
        final java.util.regex.Matcher answer = java.util.regex.Pattern.compile("(?s)SIP/2.0 200 OK.*?m=audio (\\d+) ")
                .matcher(result.messages());
        assertTrue(answer.find(), "the IVR answered with SDP: " + result.messages());
        final int rtpPort = Integer.parseInt(answer.group(1));
        assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(10), () -> FreePorts.isFree(rtpPort)),
                "the IVR's media session gave its RTP port " + rtpPort + " back");
        assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(10),
                () -> metrics().contains("\nsipgateway_calls_active 0\n")), "no call is left: " + metrics());
    }

    @Test
    void aPinSentAsSipInfoJoinsThatRoom(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "ivrinfo@conference.localhost";
        final String pin = pinOf(room);
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, FocusPeer.RoomSetup.OPEN)) {
            final Sipp.Builder caller = Sipp.scenario(run, "uac_ivr_info_pin.xml").target(openfire.sipPort()).service("0");
            for (int i = 0; i < 9; i++) {
                caller.key("d" + (i + 1), String.valueOf(pin.charAt(i)));
            }
            try (Sipp sipp = caller.start()) {
                final String nick = focus.awaitGateway();
                focus.kick(nick, "test over"); // the gateway hangs up the phone: the scenario expects that BYE
                final Sipp.Result result = sipp.await(WAIT);
                assertEquals(0, result.exitCode(), result.describe());
            }
        }
    }

    @Test
    void aLockedRoomAsksForItsPasswordOnTheKeypad(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final String room = "ivrlocked@conference.localhost";
        final String pin = pinOf(room);
        try (FocusPeer focus = FocusPeer.createRoom(admin(), room, new FocusPeer.RoomSetup("4711", false));
                Baresip bob = Baresip.builder(run, "bob").codecs("PCMU/8000/1").start()) {
            bob.command("dial", "sip:0@127.0.0.1:" + openfire.sipPort());
            bob.awaitEvent("CALL_ESTABLISHED", WAIT);
            bob.command("sndcode", pin + "#");
            assertTrue(ExternalProcess.waitFor(WAIT, () -> statusPage().matches(
                    "(?s).*<td>" + room + "</td><td>PCMU</td><td>IVR</td>.*")),
                    "the PIN was right, the room refused us, and the IVR asks for the password: " + statusPage());
            bob.command("sndcode", "0000#");
            // the wrong password costs one more join; digits typed while it runs are dropped, so type the right one
            // whenever the IVR is asking (at most every 1.5 s: baresip needs a moment to send them)
            final long[] lastTyped = {0};
            final boolean joined = ExternalProcess.waitFor(Duration.ofSeconds(60), () -> {
                if (focus.observer().gatewaysSeen().isEmpty() && System.nanoTime() - lastTyped[0] > 1_500_000_000L
                        && statusPage().contains("<td>IVR</td>")) {
                    lastTyped[0] = System.nanoTime();
                    bob.command("sndcode", "4711#");
                }
                return !focus.observer().gatewaysSeen().isEmpty();
            });
            assertTrue(joined, "the right password gets the caller into the locked room");
            bob.command("hangup", "");
            bob.awaitEvent("CALL_CLOSED", WAIT);
        }
    }

    @Test
    void theAdminsOwnPromptPlaysInsteadOfTheShippedOne(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        final Path folder = Files.createDirectories(run.resolve("prompts")).toAbsolutePath();
        final Path own = folder.resolve("enter-pin.wav");
        WavFile.write(own, Tones.sine(700, 0.3, 16000, 2 * 16000), 16000);
        openfire.process().setProperty("sipgateway.ivr.prompt-folder", folder.toString(), WAIT);
        try (Baresip carol = Baresip.builder(run, "carol").codecs("PCMU/8000/1").start()) {
            final String page = statusPage();
            assertTrue(page.contains("<td>enter-pin.wav</td><td>your file</td><td>" + own + "</td><td>2.0 s</td>"),
                    "the status page names the file in use: " + page);
            assertTrue(page.contains("<td>goodbye.wav</td><td>shipped</td><td>en/goodbye.wav</td>"), page);
            carol.command("dial", "sip:0@127.0.0.1:" + openfire.sipPort());
            carol.awaitEvent("CALL_ESTABLISHED", WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> carol.heardSecondsSoFar() > 2.5));
            carol.command("hangup", "");
            carol.awaitEvent("CALL_CLOSED", WAIT);
            final WavFile.Audio heard = carol.heardAudio();
            final int rate = heard.sampleRate();
            assertEquals(700, SignalAnalysis.dominantFrequency(heard.samples(), rate / 4, rate * 3 / 2, rate), 10,
                    "the caller hears the admin's 700 Hz prompt");
        } finally {
            openfire.process().setProperty("sipgateway.ivr.prompt-folder", "", WAIT);
        }
    }

    @Test
    void theIvrNumberReachesTheIvrEvenWithADefaultRoom(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        openfire.process().setProperty("sipgateway.default-room", "nobodyhere", WAIT);
        try (Baresip dave = Baresip.builder(run, "dave").codecs("PCMU/8000/1").start();
                Baresip erin = Baresip.builder(run, "erin").codecs("PCMU/8000/1").start()) {
            dave.command("dial", "sip:0@127.0.0.1:" + openfire.sipPort());
            dave.awaitEvent("CALL_ESTABLISHED", WAIT); // answered by the IVR: the default room has no focus to answer
            erin.command("dial", "sip:someone@127.0.0.1:" + openfire.sipPort());
            assertTrue(ExternalProcess.waitFor(WAIT, () -> statusPage().matches(
                    "(?s).*<td>erin</td><td>nobodyhere@conference.localhost</td><td>PCMU</td><td>(JOINING|WAITING_FOR_OFFER)</td>.*")),
                    "any other number goes to the default room: " + statusPage());
            assertTrue(statusPage().matches("(?s).*<td>dave</td><td></td><td>PCMU</td><td>IVR</td>.*"), statusPage());
            dave.command("hangup", "");
            erin.command("hangup", "");
            dave.awaitEvent("CALL_CLOSED", WAIT);
            erin.awaitEvent("CALL_CLOSED", WAIT);
        } finally {
            openfire.process().setProperty("sipgateway.default-room", "", WAIT);
        }
    }

    /** Seconds from the first to the last 20 ms frame louder than -45 dBFS between {@code from} and {@code to}. */
    private static double[] speechSpan(WavFile.Audio audio, double from, double to) {
        final int rate = audio.sampleRate();
        final int frame = rate / 50;
        final short[] pcm = audio.samples();
        int first = -1;
        int last = -1;
        for (int at = (int) (from * rate); at + frame <= Math.min(pcm.length, (int) (to * rate)); at += frame) {
            if (SignalAnalysis.dbfs(pcm, at, at + frame) > -45) {
                first = first < 0 ? at : first;
                last = at + frame;
            }
        }
        assertTrue(first >= 0, "the caller heard nothing before typing");
        return new double[] {first / (double) rate, last / (double) rate};
    }

    private static double seconds(PromptName name) {
        return PROMPTS.get(name).duration().toMillis() / 1000.0;
    }

    private static String pinOf(String room) throws Exception {
        final String body = get("/plugins/sipgateway/conferenceMapper?conference=" + room);
        return new ObjectMapper().readTree(body).get("id").asText();
    }

    private static String statusPage() {
        try {
            return get("/plugins/sipgateway/status");
        } catch (Exception e) {
            return "status page unreadable: " + e;
        }
    }

    private static String metrics() {
        try {
            return get("/plugins/sipgateway/metrics");
        } catch (Exception e) {
            return "metrics unreadable: " + e;
        }
    }

    private static String get(String path) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(openfire.adminUrl(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static TestXmppClient admin() throws Exception {
        return TestXmppClient.login(openfire.domain(), openfire.options().xmppPort(), "admin",
                openfire.options().adminPassword());
    }
}
