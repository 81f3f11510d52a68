package org.sipgateway.gateway.ivr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the audio of a RIFF/WAVE file as a prompt: 16-bit PCM, mono (stereo is mixed down), 8 to 48 kHz, up to
 * {@value #MAX_SECONDS} s. Anything else is refused with a message saying what the file is and what it should be.
 */
final class WavPcm {
    static final int MAX_SECONDS = 60;
    /** The largest file worth reading: the longest prompt at 48 kHz stereo, plus headers. */
    static final long MAX_BYTES = (long) MAX_SECONDS * 48_000 * 4 + 64 * 1024;
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /** Mono samples at their rate. */
    record Audio(short[] pcm, int sampleRate) {
    }

    private WavPcm() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the file */
    static Audio read(byte[] file) {
        final ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || !tag(file, 0, "RIFF") || !tag(file, 8, "WAVE")) {
            throw new IllegalArgumentException("not a WAV file (no RIFF/WAVE header)");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= file.length) {
            final String id = new String(file, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            final long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
            final int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > file.length) {
                    throw new IllegalArgumentException("its fmt chunk is cut short");
                }
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= file.length) {
                    format = b.getShort(body + 24) & 0xFFFF; // the sub-format GUID starts with the format tag
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw new IllegalArgumentException("its data comes before its fmt chunk");
                }
                checkFormat(format, channels, rate, bits);
                // a streamed file may give a size beyond its end: take what is there
                final int length = (int) Math.min(size, file.length - body);
                return new Audio(samples(b, body, length, channels, rate), rate);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are padded to even sizes
        }
        throw new IllegalArgumentException("it has no data chunk");
    }

    private static void checkFormat(int format, int channels, int rate, int bits) {
        if (format != FORMAT_PCM || bits != 16) {
            throw new IllegalArgumentException("it is " + (format == FORMAT_PCM ? bits + "-bit PCM" : "encoded with format "
                    + format) + "; prompts must be 16-bit PCM (e.g. sox in.wav -b 16 -e signed-integer out.wav)");
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("it has " + channels + " channels; prompts must be mono or stereo");
        }
        if (rate < 8000 || rate > 48000) {
            throw new IllegalArgumentException("its sample rate is " + rate + " Hz; prompts must be 8000 to 48000 Hz");
        }
    }

    private static short[] samples(ByteBuffer b, int from, int length, int channels, int rate) {
        final int frames = length / (2 * channels);
        if (frames == 0) {
            throw new IllegalArgumentException("it holds no audio");
        }
        if (frames / (double) rate > MAX_SECONDS) {
            throw new IllegalArgumentException("it is longer than " + MAX_SECONDS + " s");
        }
        final short[] pcm = new short[frames];
        for (int i = 0; i < frames; i++) {
            final int at = from + i * 2 * channels;
            pcm[i] = channels == 1 ? b.getShort(at) : (short) ((b.getShort(at) + b.getShort(at + 2)) / 2);
        }
        return pcm;
    }

    private static boolean tag(byte[] file, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (file[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
