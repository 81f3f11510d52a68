package org.sipgateway.media.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

class AudioMixerTest {
    @Test
    void quietSpeakersAreSummedUntouched() {
        AudioMixer mixer = new AudioMixer(160);
        short[] a = Tones.sine(440, 0.2, 8000, 160), b = Tones.sine(1000, 0.2, 8000, 160), out = new short[160];
        mixer.clear();
        mixer.add(a);
        mixer.add(b);
        mixer.mixInto(out);
        assertEquals(2, mixer.inputs());
        for (int i = 0; i < 160; i++)
            assertEquals(a[i] + b[i], out[i], "sample " + i);
    }

    @Test
    void loudSpeakersAreLimitedNotWrappedAndKeepBothTones() {
        AudioMixer mixer = new AudioMixer(160);
        short[] out = new short[8000];
        short[] frame = new short[160];
        for (int f = 0; f < 50; f++) {
            mixer.clear();
            for (double freq : new double[] { 440, 1000, 1700 })
                mixer.add(Tones.sine(freq, 0.6, 8000, 160, f * 160L));
            mixer.mixInto(frame);
            System.arraycopy(frame, 0, out, f * 160, 160);
        }
        assertTrue(mixer.gain() < 0.7, "gain reduced, is " + mixer.gain());
        boolean wrapped = false;
        for (int i = 1; i < out.length; i++)
            wrapped |= Math.abs(out[i] - out[i - 1]) > 30000; // a sign flip from overflow
        assertFalse(wrapped, "no wrap-around");
        double a440 = SignalAnalysis.goertzelAmplitude(out, 1600, 8000, 440, 8000);
        double a1700 = SignalAnalysis.goertzelAmplitude(out, 1600, 8000, 1700, 8000);
        assertEquals(a440, a1700, 0.05, "both tones kept in proportion");
        assertTrue(SignalAnalysis.energyShare(out, 1600, 8000, 8000, 440, 40) > 0.25);
    }

    @Test
    void promptIsResampledAndPaddedToWholeFrames() {
        PromptPlayer player = new PromptPlayer(8000);
        player.enqueue(Tones.sine(1000, 0.5, 48000, 4800 + 960), 48000); // 120 ms at 48 kHz
        short[] frame = new short[160];
        int frames = 0;
        short[] all = new short[2000];
        while (player.nextFrame(frame) && frames < 20)
            System.arraycopy(frame, 0, all, 160 * frames++, 160);
        assertEquals(6, frames, "120 ms = six 20 ms frames");
        assertEquals(1000, SignalAnalysis.dominantFrequency(all, 160, 800, 8000), 10);
        assertFalse(player.isPlaying());
    }
}
