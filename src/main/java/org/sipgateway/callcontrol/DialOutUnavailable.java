package org.sipgateway.callcontrol;

import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** The dial handler while this gateway does not place outbound calls: a clear refusal, never silence. */
public final class DialOutUnavailable implements DialHandler {
    @Override
    public IQ handle(IQ rayoRequest) {
        final String what = rayoRequest.getChildElement().getName();
        return CallControlComponent.error(rayoRequest, PacketError.Condition.feature_not_implemented,
                "Rayo <" + what + "> is not available: dial-out is not enabled on this SIP gateway");
    }
}
