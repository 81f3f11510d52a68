package org.sipgateway.plugin;

import java.util.Objects;
import java.util.function.Function;

/**
 * One named, typed setting with its default and its parser. The parser throws
 * {@link IllegalArgumentException} whose message says why a raw value is not acceptable.
 */
public final class SettingKey<T> {
    private final String name;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final String description;

    SettingKey(String name, T defaultValue, Function<String, T> parser, String description) {
        this.name = Objects.requireNonNull(name);
        this.defaultValue = defaultValue;
        this.parser = Objects.requireNonNull(parser);
        this.description = Objects.requireNonNull(description);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
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
