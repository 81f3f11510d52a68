package org.sipgateway.plugin;

import static org.sipgateway.plugin.SettingKey.Group.MEDIA;

import java.util.Arrays;
import java.util.List;
import org.sipgateway.media.MediaConfig;

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
    static final SettingKey<Integer> JITTER_MIN = SettingKey.of("sipgateway.media.jitter-min-ms", MEDIA, 5,
            SettingParsers.integer(0, 1000));
    static final SettingKey<Integer> JITTER_MAX = SettingKey.of("sipgateway.media.jitter-max-ms", MEDIA, 200,
            SettingParsers.integer(20, 5000));
    static final SettingKey<String> ICE_HOSTS = SettingKey.of("sipgateway.media.ice-host-addresses", MEDIA, "",
            SettingParsers.text());
    static final SettingKey<String> STUN_SERVERS = SettingKey.of("sipgateway.media.stun-servers", MEDIA, "",
            SettingParsers.hostPortList());

    static final SettingKey<String> TURN_SERVERS = new SettingKey<>("sipgateway.media.turn-servers", MEDIA, "",
            SettingParsers.checkedBy(raw -> MediaConfig.fromProperties(
                    name -> "sipgateway.media.turn-servers".equals(name) ? raw : null)), true);

    static final List<SettingKey<?>> KEYS = List.of(RTP_PORT_MIN, RTP_PORT_MAX, RTP_BIND_ADDRESS, RTP_TIMEOUT, OPUS,
            MIXER_THREADS, JITTER_MIN, JITTER_MAX, ICE_HOSTS, STUN_SERVERS, TURN_SERVERS);

    private MediaSettings() {
    }

    /** Media builds its own config from the values (already checked and defaulted here). */
    static MediaConfig config(Settings s) {
        if (s.get(RTP_PORT_MAX) < s.get(RTP_PORT_MIN)) {
            throw new IllegalArgumentException("sipgateway.media.rtp-port-max (" + s.get(RTP_PORT_MAX)
                    + ") is below sipgateway.media.rtp-port-min (" + s.get(RTP_PORT_MIN) + ")");
        }
        return MediaConfig.fromProperties(name -> Settings.key(name).map(key -> String.valueOf(s.get(key))).orElse(null));
    }

    static List<String> list(String raw) {
        return Arrays.stream(raw.split("[,\\s]+")).filter(e -> !e.isEmpty()).toList();
    }
}
