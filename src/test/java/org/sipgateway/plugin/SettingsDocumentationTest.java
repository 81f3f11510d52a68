package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every setting is documented and labelled in every language, so the admin page never shows a raw key. */
class SettingsDocumentationTest {
    @Test
    void everySettingIsInConfigurationMdWithItsDefault() throws IOException {
        final String doc = Files.readString(Path.of("docs", "CONFIGURATION.md"));
        for (SettingKey<?> key : Settings.ALL) {
            assertTrue(doc.contains("`" + key.name() + "`"), key.name() + " is missing from docs/CONFIGURATION.md");
            if (!key.defaultText().isEmpty() && !key.isSecret()) {
                final String row = doc.lines().filter(l -> l.startsWith("| `" + key.name() + "`")).findFirst().orElse("");
                assertTrue(row.contains(key.defaultText()), key.name() + ": the documented default is not "
                        + key.defaultText() + ": " + row);
            }
        }
    }

    @Test
    void everySettingHasLabelAndHelpInEveryLanguage() throws IOException {
        for (String suffix : new String[] {"", "_de"}) {
            final Properties texts = load("sipgateway_i18n" + suffix + ".properties");
            for (SettingKey<?> key : Settings.ALL) {
                assertTrue(texts.containsKey("setting." + key.name()), "label of " + key.name() + " in " + suffix);
                assertTrue(texts.containsKey("setting." + key.name() + ".help"), "help of " + key.name() + " in " + suffix);
            }
            for (SettingKey.Group group : SettingKey.Group.values()) {
                final String id = group.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                assertTrue(texts.containsKey("group." + id), "title of group " + id + " in " + suffix);
            }
        }
    }

    private static Properties load(String file) throws IOException {
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("i18n", file), StandardCharsets.ISO_8859_1)) {
            p.load(in);
        }
        return p;
    }
}
