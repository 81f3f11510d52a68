package org.sipgateway.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The telephone numbers callers dial, as the admin writes them: {@code CC|number|tollfree} entries
 * separated by {@code ;}, e.g. {@code US|+1 555 010 0100|true; DE|+49 30 1234 5678}.
 */
public record DialInNumbers(List<Entry> entries) {
    /** One number: ISO country code, the number as shown, whether it is free for the caller. */
    public record Entry(String countryCode, String formattedNumber, boolean tollFree) {
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code CC|number[|tollfree]} */
    public static DialInNumbers parse(String raw) {
        final List<Entry> entries = new ArrayList<>();
        for (String item : raw.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            final String[] parts = item.trim().split("\\|");
            if (parts.length < 2 || parts.length > 3 || !parts[0].trim().matches("[A-Za-z]{2}")
                    || !parts[1].trim().matches("\\+?[0-9][0-9 ()./-]{2,30}")) {
                throw new IllegalArgumentException("'" + item.trim() + "' is not CC|number[|tollfree] (e.g. US|+1 555 010 0100|true)");
            }
            final boolean tollFree = parts.length == 3 && SettingParsers.bool().apply(parts[2].trim());
            entries.add(new Entry(parts[0].trim().toUpperCase(Locale.ROOT), parts[1].trim(), tollFree));
        }
        return new DialInNumbers(List.copyOf(entries));
    }
}
