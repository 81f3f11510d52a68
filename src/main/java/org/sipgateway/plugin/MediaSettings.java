package org.sipgateway.plugin;

import static org.sipgateway.plugin.SettingKey.Group.MEDIA;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sipgateway.media.MediaConfig;
import org.sipgateway.media.codec.OpusImplementation;

/** The {@code sipgateway.media.*} settings and the {@link MediaConfig} they make. */
final class MediaSettings {
    static final SettingKey<Integer> RTP_PORT_MIN = SettingKey.of("sipgateway.media.rtp-port-min", MEDIA, 10000,
            SettingParsers.integer(0, 65535));
    static final SettingKey<Integer> RTP_PORT_MAX = SettingKey.of("sipgateway.media.rtp-port-max", MEDIA, 20000,
            SettingParsers.integer(0, 65535));
    static final SettingKey<String> RTP_BIND_ADDRESS = SettingKey.of("sipgateway.media.rtp-bind-address", MEDIA,
            "0.0.0.0", SettingParsers.host());
    static final SettingKey<Integer> RTP_TIMEOUT = SettingKey.of("sipgateway.media.rtp-timeout-seconds", MEDIA, 30,
            SettingParsers.integer(1, 3600));
    static final SettingKey<String> OPUS = SettingKey.of("sipgateway.media.opus-implementation", MEDIA, "auto",
            SettingParsers.oneOf("auto", "native", "java"));
    static final SettingKey<Integer> MIXER_THREADS = SettingKey.of("sipgateway.media.mixer-threads", MEDIA, 2,
            SettingParsers.integer(1, 64));
    static final SettingKey<Integer> JITTER_MIN = SettingKey.of("sipgateway.media.jitter-min-ms", MEDIA, 40,
            SettingParsers.integer(20, 1000));
    static final SettingKey<Integer> JITTER_MAX = SettingKey.of("sipgateway.media.jitter-max-ms", MEDIA, 200,
            SettingParsers.integer(20, 5000));
    static final SettingKey<String> ICE_HOSTS = SettingKey.of("sipgateway.media.ice-host-addresses", MEDIA, "",
            SettingParsers.text());
    static final SettingKey<String> STUN_SERVERS = SettingKey.of("sipgateway.media.stun-servers", MEDIA, "",
            SettingParsers.hostPortList());

    static final List<SettingKey<?>> KEYS = List.of(RTP_PORT_MIN, RTP_PORT_MAX, RTP_BIND_ADDRESS, RTP_TIMEOUT, OPUS,
            MIXER_THREADS, JITTER_MIN, JITTER_MAX, ICE_HOSTS, STUN_SERVERS);

    private MediaSettings() {
    }

    static MediaConfig config(Settings s) {
        if (s.get(RTP_PORT_MAX) < s.get(RTP_PORT_MIN)) {
            throw new IllegalArgumentException("sipgateway.media.rtp-port-max (" + s.get(RTP_PORT_MAX)
                    + ") is below sipgateway.media.rtp-port-min (" + s.get(RTP_PORT_MIN) + ")");
        }
        final List<InetSocketAddress> stun = list(s.get(STUN_SERVERS)).stream().map(e -> {
            final int colon = e.lastIndexOf(':');
            return InetSocketAddress.createUnresolved(e.substring(0, colon), Integer.parseInt(e.substring(colon + 1)));
        }).toList();
        return new MediaConfig(s.get(RTP_PORT_MIN), s.get(RTP_PORT_MAX), s.get(RTP_BIND_ADDRESS),
                Duration.ofSeconds(s.get(RTP_TIMEOUT)), OpusImplementation.valueOf(s.get(OPUS).toUpperCase(Locale.ROOT)),
                s.get(MIXER_THREADS), s.get(JITTER_MIN), s.get(JITTER_MAX), list(s.get(ICE_HOSTS)), stun);
    }

    static List<String> list(String raw) {
        return Arrays.stream(raw.split("[,\\s]+")).filter(e -> !e.isEmpty()).toList();
    }
}
