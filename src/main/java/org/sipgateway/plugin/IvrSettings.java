package org.sipgateway.plugin;

import static org.sipgateway.plugin.SettingKey.Group.IVR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.sipgateway.gateway.ivr.IvrConfig;
import org.sipgateway.gateway.ivr.PromptLibrary;

/** The {@code sipgateway.ivr.*} settings: the keypad IVR for callers who cannot send a room header. */
final class IvrSettings {
    // RFC 3261 section 25.1: the unreserved and user-unreserved characters a Request-URI user may hold unescaped
    private static final Pattern SIP_USER = Pattern.compile("[A-Za-z0-9\\-_.!~*'()&=+$,;?/]{1,64}");

    static final SettingKey<Boolean> ENABLED = SettingKey.of("sipgateway.ivr.enabled", IVR, false,
            SettingParsers.bool());
    static final SettingKey<String> NUMBER = SettingKey.of("sipgateway.ivr.number", IVR, "",
            SettingParsers.checkedBy(IvrSettings::sipUser));
    static final SettingKey<String> LANGUAGE = SettingKey.of("sipgateway.ivr.language", IVR, "en",
            SettingParsers.oneOf(PromptLibrary.LANGUAGES.toArray(String[]::new)));
    static final SettingKey<String> PROMPT_FOLDER = SettingKey.of("sipgateway.ivr.prompt-folder", IVR, "",
            SettingParsers.checkedBy(IvrSettings::folder));
    static final SettingKey<Integer> ATTEMPTS = SettingKey.of("sipgateway.ivr.attempts", IVR, 3,
            SettingParsers.integer(1, 10));
    static final SettingKey<Integer> DIGIT_TIMEOUT = SettingKey.of("sipgateway.ivr.digit-timeout-seconds", IVR, 5,
            SettingParsers.integer(1, 60));
    static final SettingKey<Integer> ENTRY_TIMEOUT = SettingKey.of("sipgateway.ivr.entry-timeout-seconds", IVR, 20,
            SettingParsers.integer(2, 300));
    static final SettingKey<Boolean> ASK_ROOM_PASSWORD = SettingKey.of("sipgateway.ivr.ask-room-password", IVR, true,
            SettingParsers.bool());

    static final List<SettingKey<?>> KEYS = List.of(ENABLED, NUMBER, LANGUAGE, PROMPT_FOLDER, ATTEMPTS, DIGIT_TIMEOUT,
            ENTRY_TIMEOUT, ASK_ROOM_PASSWORD);

    private IvrSettings() {
    }

    static IvrConfig config(Settings s) {
        return new IvrConfig(s.get(NUMBER), s.get(ATTEMPTS), Duration.ofSeconds(s.get(DIGIT_TIMEOUT)),
                Duration.ofSeconds(s.get(ENTRY_TIMEOUT)), s.get(ASK_ROOM_PASSWORD));
    }

    /** The prompts in the configured language, with the administrator's replacements; problems are in the library. */
    static PromptLibrary prompts(Settings s) {
        final String folder = s.get(PROMPT_FOLDER);
        return PromptLibrary.load(s.get(LANGUAGE), folder.isEmpty() ? null : Path.of(folder));
    }

    private static String sipUser(String raw) {
        if (!SIP_USER.matcher(raw).matches()) {
            throw new IllegalArgumentException("must be the user part of a SIP address, e.g. 0 (as in sip:0@gateway)");
        }
        return raw;
    }

    private static String folder(String raw) {
        final Path path = Path.of(raw);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("must be an absolute folder path, e.g. /var/lib/openfire/ivr-prompts");
        }
        if (!Files.isDirectory(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("folder " + raw + " does not exist or cannot be read by Openfire");
        }
        return raw;
    }
}
