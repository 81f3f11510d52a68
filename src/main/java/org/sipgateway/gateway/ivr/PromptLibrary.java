package org.sipgateway.gateway.ivr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The IVR's prompts in one language: the WAV files shipped in the jar ({@code prompts/<language>/<name>.wav}),
 * each replaced by a file of the same name in the administrator's override folder when that file is a valid
 * prompt. A bad override file is reported (named, with the reason) and the shipped prompt plays instead.
 */
public final class PromptLibrary {
    /** The languages the jar ships prompts for. */
    public static final List<String> LANGUAGES = List.of("en", "de");

    private final String language;
    private final Path overrideFolder;
    private final Map<PromptName, Prompt> prompts;
    private final List<String> problems;

    private PromptLibrary(String language, Path overrideFolder, Map<PromptName, Prompt> prompts, List<String> problems) {
        this.language = language;
        this.overrideFolder = overrideFolder;
        this.prompts = prompts;
        this.problems = problems;
    }

    /**
     * Reads every prompt now (a prompt is a few hundred kB; calls then share them).
     *
     * @param overrideFolder the administrator's folder of replacement files, or null for none
     * @throws IllegalArgumentException for a language the jar has no prompts for
     */
    public static PromptLibrary load(String language, Path overrideFolder) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("no prompts in language '" + language + "' (there are " + LANGUAGES + ")");
        }
        final Map<PromptName, Prompt> prompts = new EnumMap<>(PromptName.class);
        final List<String> problems = new ArrayList<>();
        final boolean folderUsable = overrideFolder != null && usableFolder(overrideFolder, problems);
        for (PromptName name : PromptName.values()) {
            Prompt prompt = shipped(language, name);
            if (folderUsable) {
                final Path file = overrideFolder.resolve(name.fileName());
                if (Files.exists(file)) {
                    try {
                        prompt = fromFile(name, file);
                    } catch (IOException | IllegalArgumentException e) {
                        problems.add("IVR prompt " + file + " is not used: " + e.getMessage()
                                + "; the shipped " + name.fileName() + " plays instead");
                    }
                }
            }
            prompts.put(name, prompt);
        }
        if (folderUsable) {
            unknownFiles(overrideFolder, problems);
        }
        return new PromptLibrary(language, overrideFolder, Collections.unmodifiableMap(prompts), List.copyOf(problems));
    }

    public Prompt get(PromptName name) {
        return prompts.get(name);
    }

    /** Every prompt in the order of {@link PromptName}, for the admin page. */
    public List<Prompt> all() {
        return List.copyOf(prompts.values());
    }

    /** Override files that could not be used, and why; empty when all is well. */
    public List<String> problems() {
        return problems;
    }

    public String language() {
        return language;
    }

    /** The administrator's folder, or null. */
    public Path overrideFolder() {
        return overrideFolder;
    }

    private static Prompt shipped(String language, PromptName name) {
        final String resource = "prompts/" + language + "/" + name.fileName();
        try (InputStream in = PromptLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the plugin jar lacks its prompt " + resource);
            }
            final WavPcm.Audio audio = WavPcm.read(in.readAllBytes());
            return new Prompt(name, audio.pcm(), audio.sampleRate(), Prompt.Origin.SHIPPED, language + "/" + name.fileName());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the plugin's prompt " + resource + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static Prompt fromFile(PromptName name, Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("it is not a readable file");
        }
        if (Files.size(file) > WavPcm.MAX_BYTES) {
            throw new IllegalArgumentException("it is larger than " + WavPcm.MAX_BYTES / (1024 * 1024) + " MB");
        }
        final WavPcm.Audio audio = WavPcm.read(Files.readAllBytes(file));
        return new Prompt(name, audio.pcm(), audio.sampleRate(), Prompt.Origin.OVERRIDE, file.toString());
    }

    private static boolean usableFolder(Path folder, List<String> problems) {
        if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
            problems.add("IVR prompt folder " + folder + " is not a readable folder: the shipped prompts play");
            return false;
        }
        return true;
    }

    private static void unknownFiles(Path folder, List<String> problems) {
        final List<String> known = Arrays.stream(PromptName.values()).map(PromptName::fileName).toList();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.toLowerCase(Locale.ROOT).endsWith(".wav") && !known.contains(f))
                    .sorted()
                    .forEach(f -> problems.add("IVR prompt folder " + folder + ": " + f
                            + " replaces no prompt (the names are " + String.join(", ", known) + ")"));
        } catch (IOException e) {
            problems.add("IVR prompt folder " + folder + " cannot be listed: " + e.getMessage());
        }
    }
}
