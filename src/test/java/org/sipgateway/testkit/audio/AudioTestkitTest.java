package org.sipgateway.testkit.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measuring tools themselves, on signals whose answers are known. */
class AudioTestkitTest {
    @Test
    void measuresFrequencyLevelAndAmplitudeOfAKnownTone() {
        short[] tone = Tones.sine(1234, 0.5, 16000, 16000);
        assertEquals(1234, SignalAnalysis.dominantFrequency(tone, 0, tone.length, 16000), 1);
        assertEquals(20 * Math.log10(0.5), SignalAnalysis.dbfs(tone), 0.05);
        assertEquals(0.5, SignalAnalysis.goertzelAmplitude(tone, 0, tone.length, 1234, 16000), 0.01);
        assertTrue(SignalAnalysis.goertzelAmplitude(tone, 0, tone.length, 3000, 16000) < 0.001);
        assertTrue(SignalAnalysis.energyShare(tone, 0, tone.length, 16000, 1234, 30) > 0.99);
    }

    @Test
    void separatesAMixture() {
        short[] pair = Tones.mix(Tones.sine(440, 0.2, 8000, 8000), Tones.sine(1000, 0.1, 8000, 8000));
        assertEquals(0.2, SignalAnalysis.goertzelAmplitude(pair, 0, 8000, 440, 8000), 0.01);
        assertEquals(0.1, SignalAnalysis.goertzelAmplitude(pair, 0, 8000, 1000, 8000), 0.01);
        assertEquals(440, SignalAnalysis.dominantFrequency(pair, 0, 8000, 8000), 2);
    }

    @Test
    void findsTheDelayOfAChirp() {
        short[] chirp = Tones.chirp(300, 3000, 0.5, 8000, 1600);
        short[] delayed = Tones.concat(new short[237], chirp, new short[400]);
        DelayEstimator.Match m = DelayEstimator.find(chirp, delayed, 800);
        assertEquals(237, m.lagSamples());
        assertEquals(29.6, m.lagMillis(8000), 0.1);
        assertTrue(m.correlation() > 0.99);
    }

    @Test
    void wavFilesRoundTrip(@TempDir Path dir) throws IOException {
        short[] tone = Tones.sine(440, 0.3, 8000, 800);
        Path file = dir.resolve("tone.wav");
        WavFile.write(file, tone, 8000);
        assertEquals(44 + 1600, Files.size(file));
        WavFile.Audio back = WavFile.read(file);
        assertEquals(8000, back.sampleRate());
        assertArrayEquals(tone, back.samples());
        Files.write(dir.resolve("junk.wav"), new byte[] { 1, 2, 3 });
        assertThrows(IOException.class, () -> WavFile.read(dir.resolve("junk.wav")));
    }
}
