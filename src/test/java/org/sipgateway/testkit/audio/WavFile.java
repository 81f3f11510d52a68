package org.sipgateway.testkit.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** 16-bit mono PCM WAV files: write what a test heard, read reference prompts. */
public final class WavFile {
    /** Samples and their rate. */
    public record Audio(short[] samples, int sampleRate) { }

    private WavFile() { }

    public static void write(Path file, short[] samples, int sampleRate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
            .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
            .putShort((short) 2).putShort((short) 16)
            .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        for (short s : samples)
            b.putShort(s);
        Files.write(file, b.array());
    }

    public static Audio read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157)
            throw new IOException(file + " is not a RIFF/WAVE file");
        int pos = 12, rate = 0, channels = 0, bits = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos), size = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                if (b.getShort(pos + 8) != 1)
                    throw new IOException(file + ": only PCM WAV is supported");
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                if (channels < 1 || channels > 2 || bits != 16)
                    throw new IOException(file + ": need 16-bit mono or stereo, got " + bits + "-bit x" + channels);
                int n = Math.min(size, b.limit() - pos - 8) / 2 / channels;
                short[] s = new short[n];
                for (int i = 0; i < n; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++)
                        sum += b.getShort(pos + 8 + 2 * (i * channels + c));
                    s[i] = (short) (sum / channels); // stereo recordings are averaged to mono
                }
                return new Audio(s, rate);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException(file + " has no data chunk");
    }
}
