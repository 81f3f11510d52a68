package org.sipgateway.plugin;

import java.util.Objects;
import java.util.function.Function;

/**
 * One named, typed setting with its group, default and parser. The parser throws
 * {@link IllegalArgumentException} whose message says why a raw value is not acceptable. Its label
 * and help text live in i18n/ as {@code setting.<name>} and {@code setting.<name>.help}.
 */
public final class SettingKey<T> {
    /** The admin console groups settings by area, in this order. */
    public enum Group { SIP_ACCOUNTS, SIP_TRANSPORT, CALLS, IVR, MEDIA, CONFERENCE, CALL_CONTROL, DIAL_POLICY, LIMITS, MONITORING }

    private final String name;
    private final Group group;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final boolean secret;

    SettingKey(String name, Group group, T defaultValue, Function<String, T> parser, boolean secret) {
        this.name = Objects.requireNonNull(name);
        this.group = Objects.requireNonNull(group);
        this.defaultValue = defaultValue;
        this.parser = Objects.requireNonNull(parser);
        this.secret = secret;
    }

    static <T> SettingKey<T> of(String name, Group group, T defaultValue, Function<String, T> parser) {
        return new SettingKey<>(name, group, defaultValue, parser, false);
    }

    /** A password or shared secret: never shown back on a page or written to a log. */
    static SettingKey<String> secret(String name, Group group) {
        return new SettingKey<>(name, group, "", SettingParsers.text(), true);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public Group group() {
        return group;
    }

    public boolean isSecret() {
        return secret;
    }

    /** The default as it is written in a property. */
    public String defaultText() {
        return defaultValue == null ? "" : String.valueOf(defaultValue);
    }

    /** Parses a raw (already trimmed, non-empty) value; throws with a reason when it is invalid. */
    public T parse(String raw) {
        return parser.apply(raw);
    }

    @Override
    public String toString() {
        return name;
    }
}
