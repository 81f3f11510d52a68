package org.sipgateway.media;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.transport.IceSettings;

/**
 * Media settings (the plugin layer fills this from the {@code sipgateway.media.*} properties; see
 * docs/CONFIGURATION.md). Immutable; {@link #defaults()} is what an unconfigured server runs with.
 *
 * @param rtpPortMin        first UDP port for SIP-side RTP ({@code rtp-port-min}); 0 with max 0 = OS-chosen
 * @param rtpPortMax        last UDP port for SIP-side RTP ({@code rtp-port-max})
 * @param rtpBindAddress    local address of the SIP-side RTP sockets ({@code rtp-bind-address})
 * @param rtpTimeout        no RTP from a side for this long ends the call ({@code rtp-timeout-seconds})
 * @param opusImplementation native libopus, Concentus, or automatic ({@code opus-implementation})
 * @param mixerThreads      threads of the shared 20 ms mixing clock ({@code mixer-threads})
 * @param jitterMinMillis   least time a received packet waits before it plays ({@code jitter-min-ms})
 * @param jitterMaxMillis   longest wait the jitter buffer adapts to ({@code jitter-max-ms})
 * @param iceHostAddresses  addresses for ICE host candidates; empty = all interfaces ({@code ice-host-addresses})
 * @param stunServers       STUN servers for server-reflexive candidates ({@code stun-servers})
 * @param turnServers       TURN servers for relay candidates ({@code turn-servers}: user:password@host:port, ...)
 */
public record MediaConfig(int rtpPortMin, int rtpPortMax, String rtpBindAddress, Duration rtpTimeout,
    OpusImplementation opusImplementation, int mixerThreads, int jitterMinMillis, int jitterMaxMillis,
    List<String> iceHostAddresses, List<InetSocketAddress> stunServers, List<IceSettings.TurnServer> turnServers) {
    public MediaConfig {
        if (rtpTimeout.isNegative() || rtpTimeout.isZero())
            throw new IllegalArgumentException("sipgateway.media.rtp-timeout-seconds must be positive, got " + rtpTimeout.toSeconds());
        if (mixerThreads < 1)
            throw new IllegalArgumentException("sipgateway.media.mixer-threads must be at least 1, got " + mixerThreads);
        if (jitterMinMillis < 0 || jitterMaxMillis < 20 || jitterMaxMillis < jitterMinMillis)
            throw new IllegalArgumentException("sipgateway.media.jitter-min-ms/-max-ms need 0 <= min <= max, 20 <= max, got "
                + jitterMinMillis + "/" + jitterMaxMillis);
        iceHostAddresses = List.copyOf(iceHostAddresses);
        stunServers = List.copyOf(stunServers);
        turnServers = List.copyOf(turnServers);
    }

    /** Prefix of every media setting; the names below are the suffixes (see docs/CONFIGURATION.md). */
    public static final String PREFIX = "sipgateway.media.";

    /**
     * Reads the {@code sipgateway.media.*} settings through {@code lookup} (null or blank = default); a bad value
     * fails with a message naming the property and the value.
     */
    public static MediaConfig fromProperties(java.util.function.Function<String, String> lookup) {
        MediaConfig d = defaults();
        SettingReader r = new SettingReader(lookup);
        return new MediaConfig(r.integer("rtp-port-min", d.rtpPortMin()), r.integer("rtp-port-max", d.rtpPortMax()),
            r.text("rtp-bind-address", d.rtpBindAddress()), Duration.ofSeconds(r.integer("rtp-timeout-seconds", (int) d.rtpTimeout().toSeconds())),
            r.opus("opus-implementation", d.opusImplementation()), r.integer("mixer-threads", d.mixerThreads()),
            r.integer("jitter-min-ms", d.jitterMinMillis()), r.integer("jitter-max-ms", d.jitterMaxMillis()),
            r.list("ice-host-addresses"), r.list("stun-servers").stream().map(v -> SettingReader.hostPort("stun-servers", v)).toList(),
            r.list("turn-servers").stream().map(v -> SettingReader.turnServer("turn-servers", v)).toList());
    }

    public static MediaConfig defaults() {
        return new MediaConfig(10000, 20000, "0.0.0.0", Duration.ofSeconds(30), OpusImplementation.AUTO, 2, 5, 200,
            List.of(), List.of(), List.of());
    }

    /** Loopback-only settings for tests: OS-chosen ports on 127.0.0.1, ICE on 127.0.0.1. */
    public static MediaConfig loopback() {
        return new MediaConfig(0, 0, "127.0.0.1", Duration.ofSeconds(30), OpusImplementation.AUTO, 2, 5, 200,
            List.of("127.0.0.1"), List.of(), List.of());
    }

    public MediaConfig withRtpPorts(int min, int max) {
        return new MediaConfig(min, max, rtpBindAddress, rtpTimeout, opusImplementation, mixerThreads, jitterMinMillis,
            jitterMaxMillis, iceHostAddresses, stunServers, turnServers);
    }

    public MediaConfig withRtpTimeout(Duration timeout) {
        return new MediaConfig(rtpPortMin, rtpPortMax, rtpBindAddress, timeout, opusImplementation, mixerThreads,
            jitterMinMillis, jitterMaxMillis, iceHostAddresses, stunServers, turnServers);
    }

    public MediaConfig withOpusImplementation(OpusImplementation implementation) {
        return new MediaConfig(rtpPortMin, rtpPortMax, rtpBindAddress, rtpTimeout, implementation, mixerThreads,
            jitterMinMillis, jitterMaxMillis, iceHostAddresses, stunServers, turnServers);
    }

    public MediaConfig withTurnServers(List<IceSettings.TurnServer> servers) {
        return new MediaConfig(rtpPortMin, rtpPortMax, rtpBindAddress, rtpTimeout, opusImplementation, mixerThreads,
            jitterMinMillis, jitterMaxMillis, iceHostAddresses, stunServers, servers);
    }

    public IceSettings iceSettings() {
        return new IceSettings(iceHostAddresses, stunServers, turnServers);
    }
}
