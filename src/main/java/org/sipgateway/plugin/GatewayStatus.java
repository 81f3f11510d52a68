package org.sipgateway.plugin;

import java.util.List;
import org.sipgateway.gateway.CallInfo;
import org.sipgateway.sip.SipConfig;
import org.sipgateway.sip.registration.RegistrationState;

/**
 * What the admin pages show about the running gateway, as plain values.
 *
 * @param sipListening  "udp,tcp on 127.0.0.1:5060", or why the SIP part is not running
 * @param registrations one line per account: the account and its state
 * @param calls         the live calls
 */
public record GatewayStatus(String sipListening, List<Registration> registrations, List<CallInfo> calls) {
    /** One SIP account's registration. */
    public record Registration(String account, RegistrationState state) {
    }

    static String listening(SipConfig sip) {
        final List<String> transports = sip.transports().stream().map(t -> t.token()).sorted().toList();
        return String.join(",", transports) + " on " + sip.address() + ":" + sip.port();
    }
}
