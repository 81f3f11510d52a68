package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;

/** How the room tells us we are out (XEP-0045 9.1, 9.2, 10.9), as Openfire and prosody send it. */
class OwnExitTest {

    private static Stanza unavailable(String inner) throws Exception {
        return PacketParserUtils.parseStanza("<presence xmlns='jabber:client' type='unavailable'"
                + " from='room1@conference.meet.example/abcd1234' to='gw@meet.example/x'>"
                + "<x xmlns='http://jabber.org/protocol/muc#user'>" + inner + "</x></presence>");
    }

    @Test
    void aKickCarriesTheModeratorsReason() throws Exception {
        final OwnExit exit = OwnExit.of(unavailable("<item affiliation='none' role='none'><reason>not today</reason></item>"
                + "<status code='307'/><status code='110'/>"));
        assertEquals(OwnExit.Kind.KICKED, exit.kind());
        assertEquals(": not today", exit.reasonSuffix());
    }

    @Test
    void aBanIsNotAKick() throws Exception {
        final OwnExit exit = OwnExit.of(unavailable("<item affiliation='outcast' role='none'/><status code='301'/><status code='110'/>"));
        assertEquals(OwnExit.Kind.BANNED, exit.kind());
        assertEquals("", exit.reasonSuffix());
    }

    @Test
    void aDestroyedRoomNamesItsAlternateVenue() throws Exception {
        final OwnExit exit = OwnExit.of(unavailable("<item affiliation='none' role='none'/>"
                + "<destroy jid='room1@conference.meet.example'><reason>lobby off</reason></destroy>"));
        assertEquals(OwnExit.Kind.DESTROYED, exit.kind());
        assertEquals("room1@conference.meet.example", exit.alternate().toString());
        assertEquals(": lobby off", exit.reasonSuffix());
    }

    @Test
    void ourOwnLeaveOrAPresenceWithoutMucIsNoExit() throws Exception {
        assertNull(OwnExit.of(unavailable("<item affiliation='none' role='none'/><status code='110'/>")));
        assertNull(OwnExit.of(PacketParserUtils.parseStanza("<presence xmlns='jabber:client' type='unavailable'"
                + " from='room1@conference.meet.example/abcd1234'/>")));
    }
}
