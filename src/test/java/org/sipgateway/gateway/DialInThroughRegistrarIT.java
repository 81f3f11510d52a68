package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.WavFile;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.Kamailio;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.sip.SipProbe;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * The deployment most admins have: the gateway registers its account with a registrar (Kamailio,
 * digest auth), a phone registered there calls that account, and the registrar's dial plan adds the
 * Jitsi-Conference-Room header; the call lands in that room (not the default room).
 */
class DialInThroughRegistrarIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void registeredPhoneCallsTheGatewaysAccountAndJoinsTheRoomTheHeaderNames(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (Kamailio kamailio = Kamailio.builder(run).user("gw", "gwpw").user("alice", "alicepw")
                        .roomHeaderFromUriParameter().start();
                OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("dial-in-registrar")
                        .property("sipgateway.sip.account.username", "gw")
                        .property("sipgateway.sip.account.password", "gwpw")
                        .property("sipgateway.sip.account.registrar", kamailio.domain())
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                        .property("sipgateway.default-room", "fallback"));
                FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                        "lobbyroom@conference.localhost", FocusPeer.RoomSetup.OPEN);
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Baresip alice = Baresip.builder(run, "alice").codecs("G722/16000/1").tone(1000)
                        .account("<sip:alice@" + kamailio.domain() + ">;auth_pass=alicepw;regint=600").start()) {
            alice.awaitRegistered(WAIT);
            jvb.addSpeaker(1001, 440, 0.15, false);
            // the gateway's registration is what makes sip:gw@<domain> reach it: Kamailio forwards OPTIONS there
            assertTrue(ExternalProcess.waitFor(WAIT, () -> SipProbe.exchange(kamailio.port(), optionsToGateway(kamailio),
                    2_000).startsWith("SIP/2.0 200")), "the gateway registered with Kamailio");
            // the registrar adds Jitsi-Conference-Room: lobbyroom (its dial plan), so the header beats the default room
            alice.command("dial", "sip:gw@" + kamailio.domain() + ";room=lobbyroom");
            final String nick = focus.awaitGateway();
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                    List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
            jvb.connect(call.gatewayTransport());
            assertTrue(jvb.awaitConnected(20_000));
            jvb.startSending();
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);
            final int caller = (int) call.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedAudio(caller).length > 3 * 48000));
            final short[] up = jvb.bridge().receivedAudio(caller);
            assertEquals(1000, SignalAnalysis.dominantFrequency(up, up.length - 48000, up.length, 48000), 10);
            final String status = get(openfire.adminUrl("/plugins/sipgateway/status"));
            assertTrue(status.contains("REGISTERED") && status.contains("gw@"), "the status page shows the registration: "
                    + status);
            assertTrue(status.contains("lobbyroom@conference.localhost") && status.contains("CONNECTED"),
                    "the status page lists the live call: " + status);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> alice.heardSecondsSoFar() > 2),
                    "baresip records what it hears: " + alice.heardSecondsSoFar() + " s");

            alice.command("hangup", "");
            alice.awaitEvent("CALL_CLOSED", WAIT);
            final WavFile.Audio heard = alice.heardAudio();
            final short[] pcm = heard.samples();
            final int end = pcm.length - heard.sampleRate() / 4;
            assertEquals(440, SignalAnalysis.dominantFrequency(pcm, end - heard.sampleRate(), end, heard.sampleRate()), 10,
                    "the conference is heard through the registrar path");
        }
    }

    private static String optionsToGateway(Kamailio kamailio) {
        final String id = Long.toHexString(System.nanoTime());
        return "OPTIONS sip:gw@" + kamailio.domain() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:@LOCALPORT@;branch=z9hG4bK" + id + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=" + id + "\r\nTo: <sip:gw@" + kamailio.domain()
                + ">\r\nCall-ID: " + id + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    private static String get(String url) throws Exception {
        final java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

}
