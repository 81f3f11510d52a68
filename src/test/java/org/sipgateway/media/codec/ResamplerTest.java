package org.sipgateway.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

class ResamplerTest {
    @ParameterizedTest(name = "{0} -> {1} Hz keeps {2} Hz")
    @CsvSource({ "8000,16000,1000", "16000,8000,1000", "8000,48000,440", "48000,8000,440", "16000,48000,1000",
        "48000,16000,1000", "48000,8000,1000", "8000,48000,1000" })
    void keepsFrequencyLevelAndLength(int in, int out, double frequency) {
        Resampler r = new Resampler(in, out);
        short[] tone = Tones.sine(frequency, 0.5, in, in);
        short[] result = CodecHarness.resample(r, tone, in / 50);
        assertEquals(out, result.length, "one second in, one second out");
        CodecRoundTripTest.assertTone(result, out, frequency, SignalAnalysis.dbfs(tone), 0.3);
    }

    @Test
    void downsamplingRemovesWhatWouldAlias() {
        // 6 kHz at 48 kHz would fold to 2 kHz at 8 kHz without the low-pass
        short[] tone = Tones.sine(6000, 0.5, 48000, 48000);
        short[] result = CodecHarness.resample(new Resampler(48000, 8000), tone, 960);
        double aliasDb = SignalAnalysis.dbfs(result, 1600, result.length) - SignalAnalysis.dbfs(tone);
        assertTrue(aliasDb < -50, "alias at 2 kHz attenuated by 50 dB, got " + aliasDb);
    }

    @Test
    void upsamplingLeavesNoImages() {
        short[] tone = Tones.sine(1000, 0.5, 8000, 8000);
        short[] result = CodecHarness.resample(new Resampler(8000, 48000), tone, 160);
        // images of 1 kHz at 7, 9, 15, 17 kHz...
        double image = SignalAnalysis.goertzelAmplitude(result, 4800, result.length, 7000, 48000)
            + SignalAnalysis.goertzelAmplitude(result, 4800, result.length, 9000, 48000);
        assertTrue(image < 0.5 * 0.003, "images below -50 dB, got amplitude " + image);
    }
}
