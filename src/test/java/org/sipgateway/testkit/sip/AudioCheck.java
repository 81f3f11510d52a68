package org.sipgateway.testkit.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Tone assertions on recorded WAV files with sip-kit's audio_check.py (Debian python3-numpy). */
public final class AudioCheck {

    private AudioCheck() {
    }

    /** Fails unless the WAV's dominant frequency is {@code hz} (within 15 Hz) at a usable level. */
    public static void assertTone(RunDir run, Path wav, double hz) {
        ExternalProcess.requireProgram("/usr/bin/python3");
        Path script = run.write("audio_check.py", RunDir.resource("/sip-kit/audio/audio_check.py"));
        try (ExternalProcess p = ExternalProcess.start("audio-check", run,
                List.of("/usr/bin/python3", script.toString(), "freq", wav.toString(), String.valueOf(hz)))) {
            int rc = p.awaitExit(Duration.ofSeconds(30));
            if (rc != 0) {
                throw new AssertionError("no " + hz + " Hz tone in " + wav + " (needs python3-numpy):\n" + p.logText());
            }
        }
    }

    /** The newest file in {@code dir} whose name ends with {@code suffix}, e.g. baresip's "-dec.wav". */
    public static Path newest(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no *" + suffix + " in " + dir));
        } catch (IOException e) {
            throw new AssertionError("cannot list " + dir, e);
        }
    }
}
