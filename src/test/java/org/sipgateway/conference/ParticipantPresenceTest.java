package org.sipgateway.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;

/** The presence and settings a participant is built from: what Meet and Jicofo read. */
class ParticipantPresenceTest {

    @Test
    void presenceHasStatusFirstThenNickFeaturesSourceInfoAndInitiator() {
        final ParticipantSpec spec = ParticipantSpec.of("room1", "+1 555 123 4567").withMaskedDigits(true)
                .withEndpointId("abcd1234").withInitiatorHeaders(Map.of("X-Call", "42"));
        final PresenceContent content = new PresenceContent(spec);
        content.status(CallStatus.CONNECTING);
        final PresenceBuilder builder = StanzaBuilder.buildPresence();
        content.applyTo(builder);
        final Presence presence = builder.build();
        final String xml = presence.toXML().toString();
        final int status = xml.indexOf("<status>Connecting</status>");
        assertTrue(status > 0, xml);
        assertTrue(xml.indexOf('<', xml.indexOf('>') + 1) == status, "status is the first child: " + xml);
        assertTrue(xml.contains("<nick xmlns='http://jabber.org/protocol/nick'>+* *** *** 4567</nick>"), xml);
        for (String f : GatewayFeatures.presenceFeatures()) {
            assertTrue(xml.contains("<feature var='" + f + "'/>"), f + " in " + xml);
        }
        assertTrue(xml.contains("<SourceInfo>{&quot;abcd1234-a0&quot;:{&quot;muted&quot;:false}}</SourceInfo>")
                || xml.contains("<SourceInfo>{\"abcd1234-a0\":{\"muted\":false}}</SourceInfo>"), xml);
        assertTrue(xml.contains("<initiator xmlns='http://jitsi.org/protocol/jigasi'><header name='X-Call' value='42'"), xml);
    }

    @Test
    void discoFeaturesAreAudioOnlyAndRedOnlyWhenAsked() {
        assertFalse(GatewayFeatures.discoFeatures(false).contains(GatewayFeatures.OPUS_RED));
        assertTrue(GatewayFeatures.discoFeatures(true).contains(GatewayFeatures.OPUS_RED));
        for (String never : GatewayFeatures.NEVER) {
            assertFalse(GatewayFeatures.discoFeatures(true).contains(never), never);
        }
        assertTrue(GatewayFeatures.discoFeatures(false).containsAll(java.util.List.of(GatewayFeatures.JIGASI,
                GatewayFeatures.SOURCE_NAME, GatewayFeatures.AUDIO_MUTE, GatewayFeatures.JINGLE_RTP_AUDIO)));
    }

    @Test
    void roomNamesLoginsAndTlsSettingsAreReadAsDocumented() {
        final XmppServerConfig server = new XmppServerConfig("meet.example", 5222, "meet.example", "", "gw@auth.meet.example",
                "pw", TlsPolicy.parse("Required"), null, null);
        assertEquals("conference.meet.example", server.mucService());
        assertEquals("auth.meet.example", server.loginDomain());
        assertEquals("gw", server.loginName());
        assertFalse(server.anonymous());
        assertEquals("r@conference.meet.example", ParticipantSpec.of("r", "x").roomJid(server.mucService()));
        assertEquals("r@muc.other", ParticipantSpec.of("r@muc.other", "x").roomJid(server.mucService()));
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TlsPolicy.parse("maybe"));
        assertTrue(bad.getMessage().contains("sipgateway.xmpp.tls") && bad.getMessage().contains("maybe"));
        assertTrue(XmppServerConfig.localDefault("localhost").anonymous());
        assertEquals(8, ParticipantSpec.of("r", "x").endpointId().length());
    }
}
