package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;

/** The lobby room a Jitsi deployment names when it refuses the main room (prosody mod_muc_lobby_rooms, lib-jitsi-meet's reading). */
class LobbyRoomTest {

    private static Stanza presence(String inner) throws Exception {
        return PacketParserUtils.parseStanza("<presence xmlns='jabber:client' type='error' from='room1@conference.meet.example/abcd1234'>"
                + inner + "</presence>");
    }

    @Test
    void lobbyRoomIsReadFromTheRegistrationRequiredError() throws Exception {
        final Stanza refusal = presence("<x xmlns='http://jabber.org/protocol/muc'/><error type='auth'>"
                + "<registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                + "<lobbyroom xmlns='http://jitsi.org/jitmeet'>room1@lobby.meet.example</lobbyroom></error>");
        assertEquals("room1@lobby.meet.example", LobbyWait.lobbyRoomOf(refusal).toString());
    }

    @Test
    void olderModulesPutTheLobbyRoomNextToTheError() throws Exception {
        final Stanza refusal = presence("<error type='auth'><registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
                + "<lobbyroom xmlns='http://jitsi.org/jitmeet'>room1@lobby.meet.example</lobbyroom>");
        assertEquals("room1@lobby.meet.example", LobbyWait.lobbyRoomOf(refusal).toString());
    }

    @Test
    void plainMembersOnlyRoomHasNoLobby() throws Exception {
        assertNull(LobbyWait.lobbyRoomOf(presence("<error type='auth'>"
                + "<registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>")));
    }
}
