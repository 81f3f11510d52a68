package org.sipgateway.testkit.sip;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
}
