package org.sipgateway.callcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dom4j.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

class CallControlComponentTest {
    private final List<Packet> sent = new ArrayList<>();
    private static final String GERMANY = "^\\+49[0-9]{6,14}$";
    private DialPolicy.Rules rules = rules("");
    private final CallControlComponent component = new CallControlComponent(new RayoRequests(
            () -> new DialOutDesk(new DialPolicy(rules, java.time.Clock.systemUTC()), () -> null, "")));

    @BeforeEach
    void initialise() throws Exception {
        component.initialize(new JID("callcontrol.example.com"), new CapturingManager());
    }

    @Test
    void discoInfoSaysSipGatewayWithRayoAndJigasiFeatures() {
        component.processPacket(get(CallControlComponent.NS_DISCO_INFO, "query"));
        final IQ reply = onlyReply();
        assertEquals(IQ.Type.result, reply.getType());
        final Element identity = reply.getChildElement().element("identity");
        assertEquals("gateway", identity.attributeValue("category"));
        assertEquals("sip", identity.attributeValue("type"));
        final List<String> features = reply.getChildElement().elements("feature").stream()
                .map(e -> e.attributeValue("var")).collect(Collectors.toList());
        assertTrue(features.containsAll(List.of("urn:xmpp:rayo:1", "http://jitsi.org/protocol/jigasi")), features.toString());
    }

    @Test
    void pingAndDiscoItemsGetResults() {
        component.processPacket(get(CallControlComponent.NS_PING, "ping"));
        component.processPacket(get(CallControlComponent.NS_DISCO_ITEMS, "query"));
        assertEquals(2, sent.size());
        sent.forEach(p -> assertEquals(IQ.Type.result, ((IQ) p).getType()));
    }

    @Test
    void withAnEmptyAllowListEveryDialIsForbiddenWithTheReason() {
        final IQ dial = dial("+4930123456", "room1@conference.example.com");
        component.processPacket(dial);
        final IQ reply = onlyReply();
        assertEquals(IQ.Type.error, reply.getType());
        assertEquals(PacketError.Condition.forbidden, reply.getError().getCondition());
        assertTrue(reply.getError().getText().contains("Dial-out is disabled"), reply.getError().getText());
        assertEquals(dial.getID(), reply.getID());
        assertEquals(new JID("alice@example.com/web"), reply.getTo());
    }

    @Test
    void aNumberOutsideTheAllowListIsForbiddenNamingIt() {
        rules = rules(GERMANY);
        component.processPacket(dial("+1 555 0100", "room1@conference.example.com"));
        final IQ reply = onlyReply();
        assertEquals(PacketError.Condition.forbidden, reply.getError().getCondition());
        assertTrue(reply.getError().getText().contains("+15550100 may not be dialled"), reply.getError().getText());
    }

    @Test
    void anAllowedDialWhileSipIsStoppedIsServiceUnavailable() {
        rules = rules(GERMANY);
        component.processPacket(dial("+49 30 1234567", "room1@conference.example.com"));
        final IQ reply = onlyReply();
        assertEquals(PacketError.Condition.service_unavailable, reply.getError().getCondition());
        assertTrue(reply.getError().getText().contains("SIP side is not running"), reply.getError().getText());
    }

    @Test
    void aDialWithoutRoomHeaderIsABadRequestNamingTheHeader() {
        rules = rules(GERMANY);
        component.processPacket(dial("+4930123456", null));
        final IQ reply = onlyReply();
        assertEquals(PacketError.Condition.bad_request, reply.getError().getCondition());
        assertTrue(reply.getError().getText().contains("JvbRoomName"), reply.getError().getText());
    }

    @Test
    void aTranscriberRequestIsNotImplementedHere() {
        rules = rules(".*");
        component.processPacket(dial("jitsi_meet_transcribe", "room1@conference.example.com"));
        assertEquals(PacketError.Condition.feature_not_implemented, onlyReply().getError().getCondition());
    }

    @Test
    void aMalformedTargetIsABadRequestNamingIt() {
        rules = rules(".*");
        component.processPacket(dial("call me; rm -rf", "room1@conference.example.com"));
        final IQ reply = onlyReply();
        assertEquals(PacketError.Condition.bad_request, reply.getError().getCondition());
        assertTrue(reply.getError().getText().contains("'call me; rm -rf'"), reply.getError().getText());
    }

    @Test
    void hangupNeedsTheCallsAddressAndAKnownCall() {
        final IQ toComponent = new IQ(IQ.Type.set);
        toComponent.setFrom("alice@example.com/web");
        toComponent.setTo("callcontrol.example.com");
        toComponent.setChildElement("hangup", CallControlComponent.NS_RAYO);
        component.processPacket(toComponent);
        final IQ toCall = toComponent.createCopy();
        toCall.setID("h2");
        toCall.setTo("callcontrol.example.com/1234abcd");
        component.processPacket(toCall);
        assertEquals(2, sent.size());
        assertEquals(PacketError.Condition.bad_request, ((IQ) sent.get(0)).getError().getCondition());
        assertEquals(PacketError.Condition.item_not_found, ((IQ) sent.get(1)).getError().getCondition());
        assertTrue(((IQ) sent.get(1)).getError().getText().contains("1234abcd"));
    }

    @Test
    void otherRayoCommandsAreNotImplemented() {
        final IQ record = new IQ(IQ.Type.set);
        record.setFrom("alice@example.com/web");
        record.setChildElement("record", CallControlComponent.NS_RAYO);
        component.processPacket(record);
        assertEquals(PacketError.Condition.feature_not_implemented, onlyReply().getError().getCondition());
    }

    private static DialPolicy.Rules rules(String allowed) {
        return new DialPolicy.Rules(DialPolicy.Rules.patterns(allowed), DialPolicy.Who.MODERATORS, java.util.Set.of(),
                java.util.Set.of(), false, 10, 10, 100, 100);
    }

    private static IQ dial(String to, String room) {
        final IQ dial = new IQ(IQ.Type.set);
        dial.setFrom("alice@example.com/web");
        dial.setTo("callcontrol.example.com");
        final Element element = dial.setChildElement("dial", CallControlComponent.NS_RAYO);
        element.addAttribute("to", to).addAttribute("from", "fromnumber");
        if (room != null) {
            element.addElement("header").addAttribute("name", "JvbRoomName").addAttribute("value", room);
        }
        return dial;
    }

    @Test
    void unknownNamespaceGetsServiceUnavailableNamingIt() {
        component.processPacket(get("urn:example:unknown", "query"));
        final IQ reply = onlyReply();
        assertEquals(PacketError.Condition.service_unavailable, reply.getError().getCondition());
        assertTrue(reply.getError().getText().contains("urn:example:unknown"));
    }

    @Test
    void resultsErrorsAndMessagesAreNotAnswered() {
        final IQ result = new IQ(IQ.Type.result);
        result.setFrom("alice@example.com/web");
        component.processPacket(result);
        final Message message = new Message();
        message.setFrom("alice@example.com/web");
        component.processPacket(message);
        assertEquals(List.of(), sent);
    }

    @Test
    void aRequestWithoutChildGetsAnError() {
        final IQ empty = new IQ(IQ.Type.get);
        empty.setFrom("alice@example.com/web");
        component.processPacket(empty);
        assertEquals(IQ.Type.error, onlyReply().getType());
    }

    private static IQ get(String namespace, String element) {
        final IQ iq = new IQ(IQ.Type.get);
        iq.setFrom("alice@example.com/web");
        iq.setTo("callcontrol.example.com");
        iq.setChildElement(element, namespace);
        return iq;
    }

    private IQ onlyReply() {
        assertEquals(1, sent.size(), "exactly one reply: " + sent);
        assertNotNull(sent.get(0));
        return (IQ) sent.get(0);
    }

    private final class CapturingManager implements ComponentManager {
        @Override
        public void addComponent(String subdomain, Component c) {
        }

        @Override
        public void removeComponent(String subdomain) {
        }

        @Override
        public void sendPacket(Component c, Packet packet) {
            sent.add(packet);
        }

        @Override
        public IQ query(Component c, IQ packet, long timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void query(Component c, IQ packet, IQResultListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getProperty(String name) {
            return null;
        }

        @Override
        public void setProperty(String name, String value) {
        }

        @Override
        public String getServerName() {
            return "example.com";
        }

        @Override
        public boolean isExternalMode() {
            return false;
        }
    }
}
