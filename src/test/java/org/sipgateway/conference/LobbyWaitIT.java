package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.sipgateway.conference.ConferenceListener.EndReason;
import org.sipgateway.testkit.jitsi.FocusPeer;
import org.sipgateway.testkit.jitsi.FocusPeer.RoomSetup;
import org.sipgateway.testkit.jitsi.RecordingMedia;
import org.sipgateway.testkit.jitsi.ThreadCheck;
import org.sipgateway.testkit.openfire.OpenfireFixture;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * The lobby wait against real MUC rooms in Openfire. Openfire has no Jitsi lobby module, so it never names a lobby
 * in its registration-required error (that reading is {@link LobbyRoomTest}); here a moderator plays the module's
 * part with the same stanzas: a members-only main room, a lobby room, admission by membership plus a MUC invitation
 * from the main room, denial by a kick from the lobby.
 */
class LobbyWaitIT {
    private static OpenfireFixture openfire;

    @BeforeAll
    static void startOpenfire() throws Exception {
        openfire = OpenfireFixture.start(OpenfireFixture.options("lobby").pluginJar(null));
    }

    @AfterAll
    static void stopOpenfire() {
        if (openfire != null) {
            openfire.close();
        }
    }

    private static XmppServerConfig server(Duration lobby) {
        return new XmppServerConfig("127.0.0.1", openfire.options().xmppPort(), "localhost", "", "", "",
                TlsPolicy.DISABLED, Duration.ofSeconds(10), lobby);
    }

    private static FocusPeer moderator(String room, boolean membersOnly) throws Exception {
        return FocusPeer.createRoom(TestXmppClient.login("localhost", openfire.options().xmppPort(), "admin", "admin",
                "focus-" + room),
                room + "@conference.localhost", new RoomSetup(null, membersOnly));
    }

    @Test
    void membersOnlyRoomWithoutLobbyIsRefusedClearly() throws Exception {
        try (FocusPeer main = moderator("closed", true)) {
            final ConferenceFailure f = ConferenceParticipantIT.joinFailure(server(Duration.ofSeconds(5)),
                    ParticipantSpec.of("closed", "Hal"));
            assertEquals(EndReason.JOIN_REFUSED, f.reason());
            assertTrue(f.getMessage().contains("members-only and offers no lobby"), f.getMessage());
        }
    }

    @Test
    void waitsInTheLobbyUntilAdmittedThenEntersTheMainRoom() throws Exception {
        try (FocusPeer main = moderator("lobbied", true); FocusPeer lobby = moderator("lobbied-lobby", false)) {
            final Map<String, Long> threads = ThreadCheck.snapshot();
            final XMPPTCPConnection gw = XmppLogin.connect(server(null), "lobby-test");
            try {
                final List<String> states = new CopyOnWriteArrayList<>();
                final PresenceContent presence = new PresenceContent(ParticipantSpec.of("lobbied", "Ivy").withEndpointId("ivy00001"));
                final EntityBareJid mainJid = JidCreate.entityBareFrom(main.roomJid());
                final CompletableFuture<LobbyWait.Admission> admitted = CompletableFuture.supplyAsync(() -> {
                    try {
                        return LobbyWait.await(gw, JidCreate.entityBareFrom(lobby.roomJid()), mainJid,
                                Resourcepart.from("ivy00001"), presence, Duration.ofSeconds(20), (s, d) -> states.add(s.name()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertEquals("ivy00001", lobby.awaitGateway(), "the caller waits in the lobby with the jigasi presence");
                final long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (states.isEmpty() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertEquals(List.of("WAITING"), states);

                // the moderator admits: membership in the main room, then the main room's invitation (XEP-0045 7.8.2)
                final Jid real = lobby.realJidOf("ivy00001");
                main.muc().grantMembership(real.asBareJid());
                final StandardExtensionElement invite = StandardExtensionElement.builder("x", "http://jabber.org/protocol/muc#user")
                        .addElement(StandardExtensionElement.builder("invite", "http://jabber.org/protocol/muc#user")
                                .addAttribute("to", real.toString()).build()).build();
                main.observer().client().send(main.observer().client().connection().getStanzaFactory().buildMessageStanza()
                        .to(mainJid).addExtension(invite).build());
                final LobbyWait.Admission admission = admitted.get(20, TimeUnit.SECONDS);
                assertEquals(List.of("WAITING", "ADMITTED"), states);
                lobby.observer().await("ivy00001", p -> p.getType() == org.jivesoftware.smack.packet.Presence.Type.unavailable,
                        Duration.ofSeconds(10));

                final RoomMembership membership = new RoomMembership(gw, mainJid, Resourcepart.from("ivy00001"), presence);
                membership.join(admission.password(), Duration.ofSeconds(5), (s, d) -> states.add(s.name()));
                assertEquals("ivy00001", main.awaitGateway(), "admitted caller is in the main room");
            } finally {
                XmppLogin.close(gw);
            }
            ThreadCheck.assertBackTo(threads, Duration.ofSeconds(10));
        }
    }

    @Test
    void deniedByAKickFromTheLobbyOrTimedOut() throws Exception {
        try (FocusPeer main = moderator("denied", true); FocusPeer lobby = moderator("denied-lobby", false)) {
            final XMPPTCPConnection gw = XmppLogin.connect(server(null), "lobby-test2");
            try {
                final PresenceContent presence = new PresenceContent(ParticipantSpec.of("denied", "Joe").withEndpointId("joe00001"));
                final EntityBareJid mainJid = JidCreate.entityBareFrom(main.roomJid());
                final EntityBareJid lobbyJid = JidCreate.entityBareFrom(lobby.roomJid());
                final CompletableFuture<LobbyWait.Admission> denied = CompletableFuture.supplyAsync(() -> {
                    try {
                        return LobbyWait.await(gw, lobbyJid, mainJid, Resourcepart.from("joe00001"), presence,
                                Duration.ofSeconds(20), (s, d) -> { });
                    } catch (ConferenceFailure f) {
                        throw new java.util.concurrent.CompletionException(f);
                    } catch (InterruptedException | org.jxmpp.stringprep.XmppStringprepException e) {
                        throw new IllegalStateException(e);
                    }
                });
                lobby.kick(lobby.awaitGateway(), "not today");
                final ExecutionException e = assertThrows(ExecutionException.class, () -> denied.get(20, TimeUnit.SECONDS));
                final ConferenceFailure f = (ConferenceFailure) e.getCause();
                assertEquals(EndReason.LOBBY_REFUSED, f.reason());
                assertTrue(f.getMessage().contains("denied access") && f.getMessage().contains("not today"), f.getMessage());

                final long start = System.nanoTime();
                final ConferenceFailure timeout = assertThrows(ConferenceFailure.class, () -> LobbyWait.await(gw, lobbyJid,
                        mainJid, Resourcepart.from("joe00002"), presence, Duration.ofSeconds(2), (s, d) -> { }));
                assertTrue(timeout.getMessage().contains("within 2 s"), timeout.getMessage());
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the wait is bounded");

                // a hangup while waiting (the connection closed under the wait) ends it at once
                final CompletableFuture<Long> hungUp = CompletableFuture.supplyAsync(() -> {
                    final long t0 = System.nanoTime();
                    try {
                        LobbyWait.await(gw, lobbyJid, mainJid, Resourcepart.from("joe00003"), presence,
                                Duration.ofSeconds(60), (s, d) -> { });
                        return -1L;
                    } catch (ConferenceFailure ended) {
                        return (System.nanoTime() - t0) / 1_000_000;
                    } catch (Exception other) {
                        throw new IllegalStateException(other);
                    }
                });
                lobby.observer().await("joe00003", p -> p.getType() == org.jivesoftware.smack.packet.Presence.Type.available,
                        Duration.ofSeconds(10));
                XmppLogin.close(gw);
                final long waited = hungUp.get(10, TimeUnit.SECONDS);
                assertTrue(waited >= 0 && waited < 5000, "the lobby wait ended with the connection, after " + waited + " ms");
            } finally {
                XmppLogin.close(gw);
            }
        }
    }
}
