package org.sipgateway.conference;

/**
 * One ICE candidate as Jingle ice-udp carries it (XEP-0176 section 5; RFC 8445 section 5.1).
 * {@code type} is host, srflx, prflx or relay; {@code relatedIp} is null for host candidates.
 */
public record JingleCandidate(String foundation, int component, String protocol, long priority, String ip, int port,
        String type, String relatedIp, int relatedPort, int generation) {

    public static JingleCandidate host(String foundation, long priority, String ip, int port) {
        return new JingleCandidate(foundation, 1, "udp", priority, ip, port, "host", null, 0, 0);
    }
}
