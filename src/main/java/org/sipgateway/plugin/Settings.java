package org.sipgateway.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code sipgateway.*} setting, read once from a {@link PropertySource}, typed and validated.
 * An invalid value is recorded as a {@link SettingProblem} (name, value, reason) and the default
 * is used instead, so one typo never stops the gateway. docs/CONFIGURATION.md lists the same keys.
 */
public final class Settings {
    public static final String PREFIX = "sipgateway.";

    public static final SettingKey<String> CALLCONTROL_SUBDOMAIN = SettingKey.of(
            "sipgateway.callcontrol.subdomain", SettingKey.Group.CALL_CONTROL, "callcontrol", SettingParsers.subdomain());

    /** All keys, in the order the admin page shows them within their groups. */
    public static final List<SettingKey<?>> ALL = concat(SipSettings.KEYS, CallSettings.KEYS, MediaSettings.KEYS,
            ConferenceSettings.KEYS, CallSettings.DIALIN_INFO_KEYS, IvrSettings.KEYS, List.of(CALLCONTROL_SUBDOMAIN),
            CallControlSettings.KEYS, DialOutSettings.BREWERY_KEYS, DialOutSettings.POLICY_KEYS,
            List.of(CallSettings.MONITORING_TOKEN, CallSettings.MONITORING_TRUST_LOOPBACK,
                    CallSettings.GRACEFUL_SHUTDOWN));

    private final Map<SettingKey<?>, Object> values;
    private final List<SettingProblem> problems;

    private Settings(Map<SettingKey<?>, Object> values, List<SettingProblem> problems) {
        this.values = values;
        this.problems = problems;
    }

    /** Reads and validates every key; never throws for a bad value. */
    public static Settings read(PropertySource source) {
        final Map<SettingKey<?>, Object> values = new LinkedHashMap<>();
        final List<SettingProblem> problems = new ArrayList<>();
        for (SettingKey<?> key : ALL) {
            values.put(key, readOne(key, source, problems));
        }
        return new Settings(Collections.unmodifiableMap(values), Collections.unmodifiableList(problems));
    }

    private static <T> T readOne(SettingKey<T> key, PropertySource source, List<SettingProblem> problems) {
        final String raw = source.get(key.name());
        if (raw == null || raw.isBlank()) {
            return key.defaultValue();
        }
        try {
            return key.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            problems.add(new SettingProblem(key.name(), key.isSecret() ? "(hidden)" : raw, e.getMessage(),
                    key.defaultText()));
            return key.defaultValue();
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T get(SettingKey<T> key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("Unknown setting " + key.name());
        }
        return (T) values.get(key);
    }

    /** The values that were rejected, each with its reason. Empty when all is well. */
    public List<SettingProblem> problems() {
        return problems;
    }

    /** Checks one raw value as the admin page submits it: empty means "use the default". */
    public static Optional<String> validate(SettingKey<?> key, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            key.parse(raw.trim());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The key of that name, if it is one of ours. */
    public static Optional<SettingKey<?>> key(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** True when the value of any key differs between the two readings. */
    public boolean differsIn(Settings other, SettingKey<?> key) {
        return !String.valueOf(get(key)).equals(String.valueOf(other.get(key)));
    }

    @SafeVarargs
    private static List<SettingKey<?>> concat(List<SettingKey<?>>... lists) {
        final List<SettingKey<?>> all = new ArrayList<>();
        for (List<SettingKey<?>> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }

    /** Whether a property name belongs to this plugin. */
    public static boolean isOurs(String propertyName) {
        return propertyName != null && propertyName.startsWith(PREFIX);
    }
}
