package org.sipgateway.sip.sdp;

/**
 * Where our RTP is received: chosen by the media engine, written into c= and m= by {@link SdpBuilder}.
 *
 * @param address IPv4/IPv6 address for c= (the public address when one is configured)
 * @param port    RTP port for m=
 */
public record LocalMedia(String address, int port) {
    public LocalMedia {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("local media address is empty");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("local media port out of range: " + port);
        }
    }
}
