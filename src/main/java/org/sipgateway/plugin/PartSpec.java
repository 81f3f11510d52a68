package org.sipgateway.plugin;

import java.util.List;
import java.util.function.Function;

/** How to build a part from settings, and which settings require it to restart when they change. */
public record PartSpec(String name, List<SettingKey<?>> keys, Function<Settings, Part> factory) {
    boolean affectedBy(Settings before, Settings after) {
        return keys.stream().anyMatch(key -> before.differsIn(after, key));
    }
}
