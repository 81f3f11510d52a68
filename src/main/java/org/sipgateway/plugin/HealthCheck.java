package org.sipgateway.plugin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.sipgateway.sip.registration.RegistrationState;

/**
 * Whether the gateway can take calls: SIP listening, every configured account registered, XMPP reachable. Warnings
 * (an Openfire with a known hole) are reported beside the verdict but do not make the gateway unhealthy: a load
 * balancer would take every gateway on that release out of service for something a restart cannot fix.
 */
public record HealthCheck(boolean healthy, List<String> problems, List<String> warnings) {
    private static final int XMPP_PROBE_MILLIS = 2000;

    static HealthCheck of(GatewayStatus status, List<String> partFailures, List<String> warnings, String xmppHost,
            int xmppPort) {
        final List<String> problems = new ArrayList<>(partFailures);
        if (status.sipListening().startsWith("not running")) {
            problems.add("SIP is not running");
        }
        for (GatewayStatus.Registration r : status.registrations()) {
            if (r.state().status() != RegistrationState.Status.REGISTERED) {
                problems.add("SIP account " + r.account() + " is " + r.state().status() + ": " + r.state().reason());
            }
        }
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(xmppHost, xmppPort), XMPP_PROBE_MILLIS);
        } catch (IOException e) {
            problems.add("XMPP server " + xmppHost + ":" + xmppPort + " is not reachable: " + e.getMessage());
        }
        return new HealthCheck(problems.isEmpty(), List.copyOf(problems), List.copyOf(warnings));
    }
}
