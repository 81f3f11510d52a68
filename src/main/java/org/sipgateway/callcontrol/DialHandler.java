package org.sipgateway.callcontrol;

import org.xmpp.packet.IQ;

/** Answers a Rayo request (dial, hangup) sent to call control; the returned IQ is the reply. */
@FunctionalInterface
public interface DialHandler {
    IQ handle(IQ rayoRequest);
}
