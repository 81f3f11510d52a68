package org.sipgateway.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * Removing the plugin in the middle of a call: the phone gets BYE, the participant leaves, no thread stays; put back,
 * the plugin (a new class loader, so libopus must load again under its own name) carries a new call with audio.
 */
class UnloadWithLiveCallIT {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void unloadEndsLiveCallsWithByeAndLeavesNoThreadAndTheReloadedPluginCarriesTheNextCall(TestInfo info)
            throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("unload-live")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                        .property("sipgateway.room-from-request-uri", "true"));
                FocusPeer focus = FocusPeer.createRoom(TestXmppClient.login(openfire.domain(),
                        openfire.options().xmppPort(), "admin", openfire.options().adminPassword()),
                        "unload@conference.localhost", FocusPeer.RoomSetup.OPEN);
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Baresip alice = Baresip.builder(run, "alice").codecs("PCMU/8000/1").tone(1000).start()) {
            jvb.addSpeaker(1001, 440, 0.15, false);
            alice.command("dial", "sip:unload@127.0.0.1:" + openfire.sipPort());
            final String nick = focus.awaitGateway();
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                    List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
            jvb.connect(call.gatewayTransport());
            assertTrue(jvb.awaitConnected(20_000));
            jvb.startSending();
            alice.awaitEvent("CALL_ESTABLISHED", WAIT);

            openfire.removePlugin();
            alice.awaitEvent("CALL_CLOSED", WAIT);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> focus.muc().getOccupants().stream()
                    .noneMatch(o -> o.getResourceOrEmpty().toString().equals(nick))), "the participant left the room");
            assertTrue(ExternalProcess.waitFor(Duration.ofSeconds(90),
                    () -> openfire.process().threadReport(Duration.ofSeconds(20)).pluginThreads().isEmpty()),
                    "threads of the unloaded plugin: "
                            + openfire.process().threadReport(Duration.ofSeconds(20)).pluginThreads());
            assertEquals(1, openfire.process().clientSessions(Duration.ofSeconds(20)),
                    "only the focus's own XMPP session is left");

            openfire.installPlugin();
            try (JvbPeer again = new JvbPeer(OpusImplementation.AUTO)) {
                again.addSpeaker(1002, 440, 0.15, false);
                alice.command("dial", "sip:unload@127.0.0.1:" + openfire.sipPort());
                final String nick2 = ExternalProcess.waitFor(WAIT, () -> focus.observer().gatewaysSeen().size() == 2)
                        ? focus.observer().gatewaysSeen().stream().filter(n -> !n.equals(nick)).findFirst().orElseThrow()
                        : null;
                assertTrue(nick2 != null, "the reloaded plugin joined the room for the new call");
                final FocusCall second = focus.offer(nick2, false, again.endpoint(),
                        List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0002", 1002)));
                again.connect(second.gatewayTransport());
                assertTrue(again.awaitConnected(20_000));
                again.startSending();
                final int caller = (int) second.gatewaySource().getSSRC();
                assertTrue(ExternalProcess.waitFor(WAIT, () -> again.bridge().receivedAudio(caller).length > 2 * 48000),
                        "the caller's Opus reaches the bridge after the reload");
                final short[] up = again.bridge().receivedAudio(caller);
                assertEquals(1000, SignalAnalysis.dominantFrequency(up, up.length - 48000, up.length, 48000), 10,
                        "the caller's tone, encoded by the reloaded plugin");
                alice.awaitEvent("CALL_ESTABLISHED", 2, WAIT);
                alice.command("hangup", "");
                alice.awaitEvent("CALL_CLOSED", 2, WAIT);
            }
        }
    }
}
