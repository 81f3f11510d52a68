package org.sipgateway.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The plugin's version, as its installed plugin.xml states it (the build fills it from the pom). */
final class PluginVersion {
    private static final Pattern VERSION = Pattern.compile("<version>\\s*([^<\\s]+)\\s*</version>");

    private PluginVersion() {
    }

    static String of(File pluginDirectory) {
        try {
            final Matcher m = VERSION.matcher(Files.readString(new File(pluginDirectory, "plugin.xml").toPath(),
                    StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
