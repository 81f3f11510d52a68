package org.sipgateway.callcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.jxmpp.jid.EntityFullJid;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.jitsi.BridgeSource;
import org.sipgateway.testkit.jitsi.ColibriStats;
import org.sipgateway.testkit.jitsi.FocusCall;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.JvbPeer;
import org.sipgateway.testkit.jitsi.RayoClient;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.prosody.ProsodyFixture;
import org.sipgateway.testkit.sip.Baresip;
import org.sipgateway.testkit.sip.ExternalProcess;
import org.sipgateway.testkit.sip.RunDir;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * A Jitsi Meet deployment's shape: the conferences and the brewery live on a separate prosody (domain meet.test,
 * trusted accounts on auth.meet.test), the plugin in Openfire logs in there as jigasi@auth.meet.test. A client in
 * Jicofo's place forwards a dial from the brewery room; the gateway rings baresip and bridges it with the
 * focus/bridge test peer, audio checked both ways; a dial from outside the brewery is refused with its reason.
 */
class BreweryProsodyIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "meet.test";
    private static final String BREWERY = "jigasibrewery@conference." + DOMAIN;

    @Test
    void jicofoForwardsADialFromTheBreweryAndTheCalledPhoneIsBridged(TestInfo info) throws Exception {
        final RunDir run = RunDir.create(info.getDisplayName());
        try (ProsodyFixture prosody = ProsodyFixture.start("brewery", DOMAIN,
                        Map.of("focus", "focuspw", "jigasi", "jigasipw"));
                FocusPeer jicofo = FocusPeer.createRoom(focusLogin(prosody, "jicofo"), BREWERY, FocusPeer.RoomSetup.OPEN);
                OpenfireFixture openfire = OpenfireFixture.start(OpenfireFixture.options("brewery-prosody")
                        .property("sipgateway.sip.trusted-peers", "127.0.0.1/32")
                        .property("sipgateway.xmpp.port", Integer.toString(prosody.port()))
                        .property("sipgateway.xmpp.domain", DOMAIN)
                        .property("sipgateway.xmpp.username", "jigasi@auth." + DOMAIN)
                        .property("sipgateway.xmpp.password", "jigasipw")
                        .property("sipgateway.brewery.room", BREWERY)
                        .property("sipgateway.dialout.allowed", "sip:[a-z]+@127\\.0\\.0\\.1:[0-9]+"));
                FocusPeer focus = FocusPeer.createRoom(focusLogin(prosody, "room"), "brewed@conference." + DOMAIN,
                        FocusPeer.RoomSetup.OPEN);
                JvbPeer jvb = new JvbPeer(OpusImplementation.AUTO);
                Baresip bob = Baresip.builder(run, "bob").codecs("PCMU/8000/1").tone(1000).autoAnswer().start()) {
            final String member = awaitMember(jicofo);
            assertEquals("jigasi@auth." + DOMAIN, jicofo.realJidOf(member).asBareJid().toString(),
                    "the gateway sits in the brewery with its trusted login");

            jvb.addSpeaker(1001, 440, 0.15, false);
            final RayoClient.Outcome dial = RayoClient.dial(jicofo.observer().client(), BREWERY + "/" + member,
                    "sip:bob@127.0.0.1:" + bob.sipPort(), focus.roomJid(), null);
            assertTrue(dial.ok(), "the forwarded dial gets the ref: " + dial);
            final String nick = focus.awaitGateway();
            assertEquals(focus.roomJid() + "/" + nick, dial.refJid());
            final FocusCall call = focus.offer(nick, false, jvb.endpoint(),
                    List.of(BridgeSource.jvb(999), BridgeSource.speaker(focus.roomJid(), "aaaa0001", 1001)));
            jvb.connect(call.gatewayTransport());
            assertTrue(jvb.awaitConnected(20_000), "ICE and DTLS between the gateway and the bridge");
            jvb.startSending();
            bob.awaitEvent("CALL_ESTABLISHED", WAIT);
            final int phone = (int) call.gatewaySource().getSSRC();
            assertTrue(ExternalProcess.waitFor(WAIT, () -> jvb.bridge().receivedAudio(phone).length > 2 * 48000),
                    "the dialled phone reaches the bridge");
            final short[] up = jvb.bridge().receivedAudio(phone);
            assertEquals(1000, SignalAnalysis.dominantFrequency(up, up.length - 48000, up.length, 48000), 10);
            assertTrue(ExternalProcess.waitFor(WAIT, () -> {
                final var heard = bob.heardSoFar();
                final int half = heard.sampleRate() / 2;
                return heard.samples().length > 2 * half && Math.abs(SignalAnalysis.dominantFrequency(heard.samples(),
                        heard.samples().length - half, heard.samples().length, heard.sampleRate()) - 440) < 10;
            }), "the phone hears the conference's 440 Hz speaker");
            awaitStat(jicofo, member, "participants", "1");

            bob.command("hangup", "");
            assertTrue(ExternalProcess.waitFor(WAIT, () -> focus.observer().muc().getOccupants().stream()
                    .noneMatch(o -> o.getResourceOrEmpty().toString().equals(nick))), "the participant left");
            awaitStat(jicofo, member, "participants", "0");

            try (TestXmppClient stranger = focusLogin(prosody, "stranger")) {
                final RayoClient.Outcome refused = RayoClient.dial(stranger, jicofo.realJidOf(member).toString(),
                        "sip:bob@127.0.0.1:" + bob.sipPort(), focus.roomJid(), null);
                assertEquals(StanzaError.Condition.forbidden, refused.condition(), refused.toString());
                assertTrue(refused.text().contains("only the focus in the brewery room " + BREWERY), refused.text());
            }
        }
    }

    private static TestXmppClient focusLogin(ProsodyFixture prosody, String resource) throws Exception {
        return TestXmppClient.login("auth." + DOMAIN, prosody.port(), "focus", "focuspw", resource);
    }

    private static String awaitMember(FocusPeer jicofo) throws InterruptedException {
        final MultiUserChat muc = jicofo.observer().muc();
        final long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (EntityFullJid occupant : muc.getOccupants()) {
                final Presence p = muc.getOccupantPresence(occupant);
                if (ColibriStats.present(p)) {
                    return occupant.getResourceOrEmpty().toString();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no brewery member with colibri stats in " + BREWERY + " within " + WAIT);
    }

    private static void awaitStat(FocusPeer jicofo, String member, String name, String value) throws Exception {
        final EntityFullJid occupant = org.jxmpp.jid.impl.JidCreate.entityFullFrom(BREWERY + "/" + member);
        assertTrue(ExternalProcess.waitFor(WAIT, () -> value.equals(ColibriStats.of(jicofo.observer().muc()
                .getOccupantPresence(occupant)).get(name))), "brewery stat " + name + "=" + value + "; stats now: "
                + ColibriStats.of(jicofo.observer().muc().getOccupantPresence(occupant)));
    }
}
