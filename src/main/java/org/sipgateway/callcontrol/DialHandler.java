package org.sipgateway.callcontrol;

import java.util.function.Consumer;
import org.xmpp.packet.IQ;

/**
 * Answers a Rayo request (dial, hangup) sent to call control. A dial is answered only once the gateway has joined
 * the room, so the reply is handed to {@code reply} later, from any thread; exactly once per request.
 */
@FunctionalInterface
public interface DialHandler {
    void handle(IQ rayoRequest, Consumer<IQ> reply);
}
