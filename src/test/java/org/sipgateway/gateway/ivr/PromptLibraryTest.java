package org.sipgateway.gateway.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

class PromptLibraryTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void everyShippedPromptIsSpeechAt16kHz(String language) {
        final PromptLibrary prompts = PromptLibrary.load(language, null);
        assertTrue(prompts.problems().isEmpty(), prompts.problems().toString());
        for (PromptName name : PromptName.values()) {
            final Prompt p = prompts.get(name);
            assertEquals(Prompt.Origin.SHIPPED, p.origin());
            assertEquals(language + "/" + name.fileName(), p.location());
            assertEquals(16000, p.sampleRate(), name.fileName());
            final double seconds = p.pcm().length / 16000.0;
            assertTrue(seconds > 1 && seconds < 8, name.fileName() + " lasts " + seconds + " s");
            assertTrue(SignalAnalysis.dbfs(p.pcm()) > -30, name.fileName() + " is not silence: "
                    + SignalAnalysis.dbfs(p.pcm()) + " dBFS");
        }
    }

    @Test
    void theLanguagesSayDifferentThings() {
        assertTrue(PromptLibrary.load("en", null).get(PromptName.ENTER_PIN).pcm().length
                != PromptLibrary.load("de", null).get(PromptName.ENTER_PIN).pcm().length);
    }

    @Test
    void anOverrideFileOfTheSameNameReplacesTheShippedPromptAndStereoIsMixedDown() throws IOException {
        final short[] tone = Tones.sine(440, 0.3, 8000, 8000); // 1 s at 8 kHz
        Files.write(folder.resolve("enter-pin.wav"), wav(tone, 8000, 2, 16, true));
        final PromptLibrary prompts = PromptLibrary.load("en", folder);
        assertTrue(prompts.problems().isEmpty(), prompts.problems().toString());
        final Prompt pin = prompts.get(PromptName.ENTER_PIN);
        assertEquals(Prompt.Origin.OVERRIDE, pin.origin());
        assertEquals(folder.resolve("enter-pin.wav").toString(), pin.location());
        assertEquals(8000, pin.sampleRate());
        assertEquals(1000, pin.duration().toMillis());
        assertEquals(440, SignalAnalysis.dominantFrequency(pin.pcm(), 0, 8000, 8000), 5);
        assertEquals(Prompt.Origin.SHIPPED, prompts.get(PromptName.GOODBYE).origin(), "the others stay shipped");
    }

    @Test
    void aBadOverrideFileIsNamedWithTheReasonAndTheShippedPromptPlays() throws IOException {
        Files.write(folder.resolve("goodbye.wav"), wav(new short[8000], 8000, 1, 8, false));
        Files.writeString(folder.resolve("joining.wav"), "not audio at all");
        Files.write(folder.resolve("enter-pn.wav"), wav(new short[800], 8000, 1, 16, false));
        final PromptLibrary prompts = PromptLibrary.load("de", folder);
        assertEquals(Prompt.Origin.SHIPPED, prompts.get(PromptName.GOODBYE).origin());
        assertEquals(Prompt.Origin.SHIPPED, prompts.get(PromptName.JOINING).origin());
        final String all = String.join("\n", prompts.problems());
        assertEquals(3, prompts.problems().size(), all);
        assertTrue(all.contains(folder.resolve("goodbye.wav") + " is not used: it is 8-bit PCM"), all);
        assertTrue(all.contains(folder.resolve("joining.wav") + " is not used: not a WAV file"), all);
        assertTrue(all.contains("enter-pn.wav replaces no prompt (the names are enter-pin.wav"), all);
    }

    @Test
    void aMissingFolderIsReportedAndUnknownLanguagesRefused() {
        final PromptLibrary prompts = PromptLibrary.load("en", folder.resolve("nowhere"));
        assertTrue(prompts.problems().get(0).contains("nowhere is not a readable folder"), prompts.problems().toString());
        assertThrows(IllegalArgumentException.class, () -> PromptLibrary.load("fr", null));
    }

    @Test
    void wavChunksBeforeTheDataAndTooHighRatesAreHandled() {
        final byte[] plain = wav(new short[1600], 16000, 1, 16, true);
        assertEquals(1600, WavPcm.read(plain).pcm().length, "a LIST chunk before the data is skipped");
        final IllegalArgumentException tooFast = assertThrows(IllegalArgumentException.class,
                () -> WavPcm.read(wav(new short[1600], 96000, 1, 16, false)));
        assertTrue(tooFast.getMessage().contains("96000 Hz"), tooFast.getMessage());
    }

    /** A WAV file; {@code listChunk} puts an INFO chunk between fmt and data, as many editors do. */
    private static byte[] wav(short[] mono, int rate, int channels, int bits, boolean listChunk) {
        final int bytesPerSample = bits / 8;
        final int dataLength = mono.length * channels * bytesPerSample;
        final byte[] info = "INFOISFT\u0004\u0000\u0000\u0000sox\u0000".getBytes(StandardCharsets.ISO_8859_1);
        final int extra = listChunk ? 8 + info.length : 0;
        final ByteBuffer b = ByteBuffer.allocate(44 + extra + dataLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + extra + dataLength)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(rate).putInt(rate * channels * bytesPerSample)
                .putShort((short) (channels * bytesPerSample)).putShort((short) bits);
        if (listChunk) {
            b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(info.length).put(info);
        }
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataLength);
        for (short s : mono) {
            for (int c = 0; c < channels; c++) {
                if (bits == 16) {
                    b.putShort(s);
                } else {
                    b.put((byte) ((s >> 8) + 128));
                }
            }
        }
        return b.array();
    }
}
