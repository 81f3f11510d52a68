package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/** What the conference and the phone do to a live call reaches the other side. */
class DialInCallControlIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in-control")
                .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                .property("sipgateway.room-from-request-uri", "true")
                .property("sipgateway.media.rtp-timeout-seconds", "4"));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    @Test
    void focusEndingTheSessionHangsUpThePhone(TestInfo info) throws Exception {
        try (LiveCall call = LiveCall.start("terminated", info)) {
            call.focusCall.terminate("success", "meeting ended");
            call.phone.awaitEvent("CALL_CLOSED", WAIT);
            assertTrue(call.gatewayLeft(), "the participant left the room");
        }
    }

    @Test
    void phoneThatVanishesWithoutByeIsDroppedWhenItsAudioStops(TestInfo info) throws Exception {
        try (LiveCall call = LiveCall.start("vanished", info)) {
            call.phone.kill();
            final long start = System.nanoTime();
            assertTrue(call.gatewayLeft(), "the participant left the room after the RTP timeout");
            final long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertTrue(seconds >= 3, "it waited for the 4 s RTP timeout, left after " + seconds + " s");
        }
    }

    @Test
    void theAdminsHangUpButtonEndsTheCall(TestInfo info) throws Exception {
        try (LiveCall call = LiveCall.start("adminhangup", info)) {
            final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .cookieHandler(new java.net.CookieManager()).build();
            final String url = openfire.adminUrl("/plugins/sipgateway/status");
            final String page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            final java.util.regex.Matcher form = java.util.regex.Pattern.compile(
                    "name=\"csrf\" value=\"([0-9a-f]+)\"/><input type=\"hidden\" name=\"hangup\" value=\"(call-[0-9]+)\"")
                    .matcher(page);
            assertTrue(form.find(), "the live call has a hang-up button: " + page);
            final int status = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + form.group(1) + "&hangup="
                            + form.group(2))).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            assertTrue(status == 302 || status == 303, "redirect after the hang-up: " + status);
            call.phone.awaitEvent("CALL_CLOSED", WAIT);
            assertTrue(call.gatewayLeft());
        }
    }

    @Test
    void gracefulShutdownRefusesNewCallsWhileTheLiveOneGoesOn(TestInfo info) throws Exception {
        try (LiveCall call = LiveCall.start("draining", info)) {
            openfire.process().setProperty("sipgateway.graceful-shutdown", "true", WAIT);
            try {
                final String refused = SipProbe.exchange(openfire.sipPort(), DialInLimitsIT.invite(openfire.sipPort(),
                        "another"), 10_000);
                assertTrue(refused.startsWith("SIP/2.0 503 Gateway is shutting down"), refused);
                assertTrue(refused.contains("Retry-After: 300"), "a proxy learns when to come back: " + refused);
                assertTrue(call.uplinkGrows(), "the live call still carries audio");
                call.phone.command("hangup", "");
                call.phone.awaitEvent("CALL_CLOSED", WAIT);
            } finally {
                openfire.process().setProperty("sipgateway.graceful-shutdown", "false", WAIT);
            }
        }
    }

    @Test
    void kickedParticipantHangsUpThePhone(TestInfo info) throws Exception {
        try (LiveCall call = LiveCall.start("kicked", info)) {
            call.focus.kick(call.nick, "bye");
            call.phone.awaitEvent("CALL_CLOSED", WAIT);
        }
    }

    @Test
    void holdStopsTheCallersAudioAndResumeBringsItBack(TestInfo info) throws Exception {
        try (LiveCall call = LiveCall.start("hold", info)) {
            call.phone.command("hold", "");
            Thread.sleep(1000); // the re-INVITE settles
            assertTrue(!call.uplinkGrows(), "nothing goes up to the conference while the phone holds");
            call.phone.command("resume", "");
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(10), call::uplinkGrows), "audio resumes");
        }
    }

    @Test
    void moderatorMuteSilencesTheCallerUntilUnmuted(TestInfo info) throws Exception {
        try (LiveCall call = LiveCall.start("mute", info)) {
            call.focus.mute(call.nick, true);
            Thread.sleep(500);
            assertTrue(!call.uplinkGrows(), "a muted caller sends nothing up");
            call.focus.mute(call.nick, false);
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(10), call::uplinkGrows), "unmuted: audio again");
        }
    }

    @Test
    void dtmfFromMeetReachesThePhoneAsRfc4733(TestInfo info) throws Exception {
        try (LiveCall call = LiveCall.start("dtmf", info)) {
            call.focusCall.dtmf('7', 200);
            final String event = call.phone.awaitEvent("CALL_DTMF_START", WAIT);
            assertTrue(event.contains("\"param\":\"7\""), event);
        }
    }

    /** One connected call: baresip in a room whose focus offered the bridge peer's transport. */
    private static final class LiveCall implements AutoCloseable {
        final FocusPeer focus;
        final JvbPeer jvb;
        final Baresip phone;
        final String nick;
        final FocusCall focusCall;
        final int callerSsrc;

        private LiveCall(FocusPeer focus, JvbPeer jvb, Baresip phone, String nick, FocusCall focusCall) {
            this.focus = focus;
            this.jvb = jvb;
            this.phone = phone;
            this.nick = nick;
            this.focusCall = focusCall;
            this.callerSsrc = (int) focusCall.gatewaySource().getSSRC();
        }

        static LiveCall start(String room, TestInfo info) throws Exception {
            final FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                    openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                    room + "@conference.localhost", FocusPeer.RoomSetup.OPEN);
            final JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
            final Baresip phone = Baresip.builder(RunDir.create(info.getDisplayName()), "alice")
                    .codecs("PCMU/8000/1").tone(1000).start();
            try {
                jvb.addSpeaker(1001, 440, 0.15, false);
                phone.command("dial", "sip:" + room + "@127.0.0.1:" + openfire.sipPort());
                final String nick = focus.awaitGateway();
                final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                        List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
                jvb.connect(call.gatewayTransport());
                assertTrue(jvb.awaitConnected(20_000), "bridge connected");
                jvb.startSending();
                phone.awaitEvent("CALL_ESTABLISHED", WAIT);
                final LiveCall live = new LiveCall(focus, jvb, phone, nick, call);
                assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(10), live::uplinkGrows),
                        "the caller's audio reaches the bridge");
                return live;
            } catch (Exception | AssertionError e) {
                phone.close();
                jvb.close();
                focus.close();
                throw e;
            }
        }

        /** Whether the bridge receives the caller's packets right now (over 600 ms). */
        boolean uplinkGrows() {
            final int before = jvb.bridge().receivedPackets(callerSsrc);
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return jvb.bridge().receivedPackets(callerSsrc) - before > 10;
        }

        boolean gatewayLeft() {
            return ExternalProcess.waitFor(WAIT, () -> focus.muc().getOccupants().stream()
                    .noneMatch(o -> o.getResourceOrEmpty().toString().equals(nick)));
        }

        @Override
        public void close() throws Exception {
            phone.close();
            jvb.close();
            focus.close();
        }
    }
}
