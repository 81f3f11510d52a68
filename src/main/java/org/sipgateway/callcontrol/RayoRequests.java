package org.sipgateway.callcontrol;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Rayo requests that reach the {@code callcontrol.<domain>} component: {@code <dial>} goes to the
 * {@link DialOutDesk} (answered with the ref once the gateway is in the room), {@code <hangup>} addressed to
 * {@code callcontrol.<domain>/<nick>} ends that call. Everything is answered, exactly once.
 */
public final class RayoRequests implements DialHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RayoRequests.class);

    private final Supplier<DialOutDesk> desk;

    /** @param desk the dial-out desk, or null while dial-out is not running */
    public RayoRequests(Supplier<DialOutDesk> desk) {
        this.desk = desk;
    }

    @Override
    public void handle(IQ request, Consumer<IQ> reply) {
        final Element child = request.getChildElement();
        final DialOutDesk d = desk.get();
        if (d == null) {
            reply.accept(CallControlComponent.error(request, PacketError.Condition.service_unavailable,
                    "dial-out is not running on this gateway"));
            return;
        }
        switch (child.getName()) {
            case "dial" -> d.dial(RayoDial.of(child, String.valueOf(request.getFrom())), DialOutDesk.Path.CLIENT)
                    .whenComplete((answer, failure) -> reply.accept(failure == null ? iq(request, answer)
                            : CallControlComponent.error(request, PacketError.Condition.internal_server_error,
                                    "dial-out failed: " + failure)));
            case "hangup" -> {
                final String call = request.getTo() == null ? null : request.getTo().getResource();
                if (call == null || call.isEmpty()) {
                    reply.accept(CallControlComponent.error(request, PacketError.Condition.bad_request,
                            "send the hangup to the call's address (the ref of its dial), not to the component"));
                    return;
                }
                reply.accept(iq(request, d.hangup(call, String.valueOf(request.getFrom()))));
            }
            default -> reply.accept(CallControlComponent.error(request, PacketError.Condition.feature_not_implemented,
                    "Rayo <" + child.getName() + "> is not supported by this gateway (dial and hangup are)"));
        }
    }

    /** The answer as the reply to {@code request}. */
    static IQ iq(IQ request, RayoAnswer answer) {
        if (answer.isError()) {
            return CallControlComponent.error(request, PacketError.Condition.valueOf(answer.condition().constantName()),
                    answer.text());
        }
        final IQ result = IQ.createResultIQ(request);
        if (answer.refUri() != null) {
            result.setChildElement("ref", CallControlComponent.NS_RAYO).addAttribute("uri", answer.refUri());
            LOG.debug("Dial {} from {} answered with ref {}", request.getID(), request.getFrom(), answer.refUri());
        }
        return result;
    }
}
