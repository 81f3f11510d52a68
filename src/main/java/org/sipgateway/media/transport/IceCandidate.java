package org.sipgateway.media.transport;

/**
 * One ICE candidate as Jingle ice-udp and SDP carry it (RFC 8445 section 5.1; XEP-0176).
 * {@code type} is host, srflx, prflx or relay; the related address is null for host candidates.
 */
public record IceCandidate(String foundation, int component, String protocol, long priority, String ip, int port,
    String type, String relatedIp, int relatedPort, int generation) {
    public static IceCandidate host(String foundation, long priority, String ip, int port) {
        return new IceCandidate(foundation, 1, "udp", priority, ip, port, "host", null, 0, 0);
    }
}
