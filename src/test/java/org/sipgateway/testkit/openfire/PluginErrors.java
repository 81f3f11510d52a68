package org.sipgateway.testkit.openfire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Picks the lines of Openfire's log that explain why a plugin did not load. */
final class PluginErrors {
    private PluginErrors() {
    }

    static String find(Path allLog) {
        try {
            if (!Files.exists(allLog)) {
                return "(no Openfire log yet)";
            }
            final List<String> lines = Files.readAllLines(allLog);
            final String errors = lines.stream()
                    .filter(l -> l.contains("ERROR") || l.contains("Exception") || l.contains("sipgateway"))
                    .skip(Math.max(0, lines.size() - 2000))
                    .limit(30)
                    .collect(Collectors.joining("\n"));
            return errors.isEmpty() ? "(Openfire logged no error)" : errors;
        } catch (IOException e) {
            return "(cannot read " + allLog + ": " + e.getMessage() + ")";
        }
    }
}
