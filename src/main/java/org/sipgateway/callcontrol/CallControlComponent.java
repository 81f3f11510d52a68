package org.sipgateway.callcontrol;

import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * The {@code callcontrol.<domain>} XMPP component: what Jitsi Meet's call button (config
 * {@code hosts.call_control}) and Rayo clients address. It answers service discovery as a SIP
 * gateway and answers every request IQ, never leaving a client waiting.
 */
public final class CallControlComponent implements Component {
    public static final String NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    public static final String NS_PING = "urn:xmpp:ping";
    public static final String NS_RAYO = "urn:xmpp:rayo:1";
    // Jicofo before the brewery looked for rayo:0 next to the jigasi feature (docs/JITSI-WIRE.md).
    public static final String NS_RAYO_LEGACY = "urn:xmpp:rayo:0";
    public static final String NS_JIGASI = "http://jitsi.org/protocol/jigasi";

    private static final Logger LOG = LoggerFactory.getLogger(CallControlComponent.class);

    private final DialHandler dialHandler;
    private volatile ComponentManager componentManager;
    private volatile JID address;

    public CallControlComponent(DialHandler dialHandler) {
        this.dialHandler = dialHandler;
    }

    @Override
    public String getName() {
        return "SIP gateway call control";
    }

    @Override
    public String getDescription() {
        return "Rayo call control for Jitsi Meet: dials telephones into conferences";
    }

    @Override
    public void initialize(JID jid, ComponentManager manager) throws ComponentException {
        this.address = jid;
        this.componentManager = manager;
    }

    @Override
    public void start() {
        LOG.info("Call control component is up at {}", address);
    }

    @Override
    public void shutdown() {
        LOG.info("Call control component at {} is shut down", address);
    }

    public JID address() {
        return address;
    }

    @Override
    public void processPacket(Packet packet) {
        if (!(packet instanceof IQ iq)) {
            return; // messages and presence carry nothing for call control
        }
        if (iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set) {
            return; // RFC 6120 8.2.3: results and errors are never answered
        }
        try {
            final Element child = iq.getChildElement();
            if (iq.getType() == IQ.Type.set && child != null && NS_RAYO.equals(child.getNamespaceURI())) {
                dialHandler.handle(iq, this::send); // answered once the gateway has joined the room
                return;
            }
            send(answer(iq));
        } catch (RuntimeException e) {
            LOG.warn("Failed to handle IQ from {}: {}", iq.getFrom(), e.toString(), e);
            send(error(iq, PacketError.Condition.internal_server_error, "Internal error: " + e.getMessage()));
        }
    }

    private IQ answer(IQ iq) {
        final Element child = iq.getChildElement();
        final String ns = child == null ? "" : child.getNamespaceURI();
        final String name = child == null ? "" : child.getName();
        if (iq.getType() == IQ.Type.get && NS_DISCO_INFO.equals(ns)) {
            return discoInfo(iq);
        }
        if (iq.getType() == IQ.Type.get && NS_DISCO_ITEMS.equals(ns)) {
            final IQ result = IQ.createResultIQ(iq);
            result.setChildElement("query", NS_DISCO_ITEMS);
            return result;
        }
        if (iq.getType() == IQ.Type.get && NS_PING.equals(ns) && "ping".equals(name)) {
            return IQ.createResultIQ(iq); // XEP-0199 section 4.2: an empty result
        }
        // RFC 6120 8.4: a request for a namespace we do not serve gets service-unavailable.
        return error(iq, PacketError.Condition.service_unavailable,
                "callcontrol does not handle <" + name + " xmlns='" + ns + "'>");
    }

    private IQ discoInfo(IQ iq) {
        final IQ result = IQ.createResultIQ(iq);
        final Element query = result.setChildElement("query", NS_DISCO_INFO);
        query.addElement("identity")
                .addAttribute("category", "gateway")
                .addAttribute("type", "sip")
                .addAttribute("name", "SIP gateway");
        for (String feature : new String[] {NS_DISCO_INFO, NS_PING, NS_RAYO, NS_RAYO_LEGACY, NS_JIGASI}) {
            query.addElement("feature").addAttribute("var", feature);
        }
        return result;
    }

    /** An error reply carrying the request's payload, the condition and a readable text. */
    public static IQ error(IQ request, PacketError.Condition condition, String text) {
        final IQ reply = IQ.createResultIQ(request);
        if (request.getChildElement() != null) {
            reply.setChildElement(request.getChildElement().createCopy());
        }
        reply.setType(IQ.Type.error);
        reply.setError(new PacketError(condition, condition.getDefaultType(), text));
        return reply;
    }

    private void send(IQ reply) {
        final ComponentManager manager = componentManager;
        if (manager == null) {
            LOG.warn("Dropping reply {}: component not initialised", reply.getID());
            return;
        }
        try {
            manager.sendPacket(this, reply);
        } catch (ComponentException e) {
            LOG.warn("Could not send reply to {}: {}", reply.getTo(), e.getMessage());
        }
    }
}
