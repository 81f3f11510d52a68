package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jitsi.xmpp.extensions.jitsimeet.MuteIq;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.sipgateway.testkit.jitsi.ParticipantEvents;
import org.sipgateway.testkit.jitsi.RecordingMedia;

/** Who may mute the phone user, and what a mute changes. */
class ModeratorMuteTest {
    private final RecordingMedia media = new RecordingMedia();
    private final ParticipantEvents events = new ParticipantEvents();
    private final PresenceContent presence = new PresenceContent(ParticipantSpec.of("room1", "x").withEndpointId("abcd1234"));

    private RoomMembership room() throws Exception {
        final XMPPTCPConnection unconnected = new XMPPTCPConnection("gw", "pw", "localhost");
        return new RoomMembership(unconnected, JidCreate.entityBareFrom("room1@conference.localhost"),
                Resourcepart.from("abcd1234"), presence);
    }

    private static MuteIq mute(String from, Boolean value) throws Exception {
        final MuteIq iq = new MuteIq();
        iq.setType(IQ.Type.set);
        iq.setFrom(JidCreate.from(from));
        iq.setMute(value);
        return iq;
    }

    @Test
    void muteFromTheRoomMutesMediaAndPresence() throws Exception {
        final IQ answer = ModeratorMute.handle(mute("room1@conference.localhost/focus", true), OccupantRole.MODERATOR,
                room(), presence, media, events);
        assertEquals(IQ.Type.result, answer.getType());
        assertEquals(List.of(true), media.mutes);
        assertTrue(presence.muted());
        assertEquals(1, events.mutes.size());
    }

    @Test
    void muteFromOutsideTheRoomOrFromAnOrdinaryOccupantOrWithoutValueIsRefused() throws Exception {
        final IQ outside = ModeratorMute.handle(mute("mallory@localhost/x", true), OccupantRole.ABSENT, room(), presence,
                media, events);
        assertEquals(StanzaError.Condition.forbidden, outside.getError().getCondition());
        final IQ occupant = ModeratorMute.handle(mute("room1@conference.localhost/mallory", true),
                OccupantRole.PARTICIPANT, room(), presence, media, events);
        assertEquals(StanzaError.Condition.forbidden, occupant.getError().getCondition());
        assertTrue(StanzaErrorsTest.receive(occupant).getDescriptiveText().contains("room1@conference.localhost/mallory"),
                occupant.toXML().toString());
        final IQ empty = ModeratorMute.handle(mute("room1@conference.localhost/focus", null), OccupantRole.MODERATOR, room(),
                presence, media, events);
        assertEquals(StanzaError.Condition.bad_request, empty.getError().getCondition());
        assertTrue(media.mutes.isEmpty(), "media untouched");
    }
}
