package org.sipgateway.gateway;

import java.time.Duration;
import org.sipgateway.conference.XmppServerConfig;

/**
 * Settings of the call layer (the plugin fills it from {@code sipgateway.*} properties).
 *
 * @param rooms         how incoming calls name their room
 * @param xmpp          where conference participants log in
 * @param sdpAddress    the address the phone sends RTP to (our SIP-side media address in SDP)
 * @param maxCalls      calls at once on this gateway ({@code sipgateway.max-calls})
 * @param maxCallsPerRoom phone calls at once in one room, 0 = no limit ({@code sipgateway.max-calls-per-room})
 * @param offerTimeout  how long to wait in the room for the focus's offer ({@code sipgateway.offer-timeout-seconds})
 * @param maskDigits    show callers' numbers in Meet with all but the last four digits masked
 * @param earlyMedia    183 with SDP when the focus's offer is accepted, 200 OK once the bridge media is connected
 */
public record GatewayConfig(RoomRules rooms, XmppServerConfig xmpp, String sdpAddress, int maxCalls, int maxCallsPerRoom,
        Duration offerTimeout, boolean maskDigits, boolean earlyMedia) {
    public GatewayConfig {
        if (maxCalls < 1) {
            throw new IllegalArgumentException("sipgateway.max-calls must be at least 1, got " + maxCalls);
        }
        if (offerTimeout.isNegative() || offerTimeout.isZero()) {
            throw new IllegalArgumentException("sipgateway.offer-timeout-seconds must be positive");
        }
    }
}
