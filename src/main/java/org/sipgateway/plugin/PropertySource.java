package org.sipgateway.plugin;

/** Where raw setting values come from: Openfire's properties in the plugin, a map in tests. */
@FunctionalInterface
public interface PropertySource {
    /** The raw value of {@code name}, or null when it is not set. */
    String get(String name);
}
