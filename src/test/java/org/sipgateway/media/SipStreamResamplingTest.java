package org.sipgateway.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.AudioDecoder;
import org.sipgateway.media.codec.AudioEncoder;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.codec.OpusImplementation;
import org.sipgateway.media.codec.OpusSettings;
import org.sipgateway.media.rtp.RtpPacket;
import org.sipgateway.media.rtp.RtpPacketBuilder;
import org.sipgateway.testkit.audio.SignalAnalysis;
import org.sipgateway.testkit.audio.Tones;

/** A SIP codec whose rate differs from the session's mix rate: both directions resampled, tone and level kept, no aliasing. */
class SipStreamResamplingTest {
    private static final double AMPLITUDE = 0.3;
    private static final CodecFactory CODECS = new CodecFactory(OpusImplementation.AUTO, OpusSettings.SPEECH);

    @ParameterizedTest(name = "{0} ({2} ms) on a {1} Hz mix")
    @CsvSource({ "PCMU,16000,20", "PCMU,48000,20", "PCMU,48000,40", "PCMA,16000,30", "G722,8000,20", "G722,48000,20", "G722,8000,60" })
    void conferenceReachesThePhoneAtTheCodecRate(AudioCodec codec, int mixRate, int ptime) {
        try (SipStream stream = stream(codec, mixRate, ptime); AudioDecoder phone = CODECS.decoder(codec, codec.pcmRate())) {
            short[] heard = send(stream, phone, Tones.sine(1000, AMPLITUDE, mixRate, mixRate), mixRate);
            int rate = codec.pcmRate();
            assertTrue(heard.length >= rate * 9 / 10, "about a second reached the phone: " + heard.length);
            int from = heard.length / 4;
            assertEquals(1000, SignalAnalysis.dominantFrequency(heard, from, heard.length, rate), 10);
            assertEquals(AMPLITUDE, SignalAnalysis.goertzelAmplitude(heard, from, heard.length, 1000, rate), 0.03, "level kept");
        }
    }

    @ParameterizedTest(name = "{0} on a {1} Hz mix")
    @CsvSource({ "PCMU,16000", "PCMU,48000", "PCMA,48000", "G722,8000", "G722,48000" })
    void phoneReachesTheMixAtTheMixRate(AudioCodec codec, int mixRate) {
        try (SipStream stream = stream(codec, mixRate, 20); AudioEncoder phone = CODECS.encoder(codec, codec.pcmRate())) {
            short[] mixed = receive(stream, phone, codec, Tones.sine(1000, AMPLITUDE, codec.pcmRate(), codec.pcmRate()), mixRate);
            assertTrue(mixed.length >= mixRate * 8 / 10, "most of a second reached the mix: " + mixed.length);
            int from = mixed.length / 4;
            assertEquals(1000, SignalAnalysis.dominantFrequency(mixed, from, mixed.length, mixRate), 10);
            assertEquals(AMPLITUDE, SignalAnalysis.goertzelAmplitude(mixed, from, mixed.length, 1000, mixRate), 0.03, "level kept");
        }
    }

    @Test
    void wideMixDownToNarrowbandDoesNotAlias() {
        // 6 kHz in a 48 kHz mix would fold to 2 kHz in PCMU without the low-pass
        try (SipStream stream = stream(AudioCodec.PCMU, 48000, 20); AudioDecoder phone = CODECS.decoder(AudioCodec.PCMU, 8000)) {
            short[] heard = send(stream, phone, Tones.sine(6000, AMPLITUDE, 48000, 48000), 48000);
            double alias = SignalAnalysis.goertzelAmplitude(heard, heard.length / 4, heard.length, 2000, 8000);
            assertTrue(alias < AMPLITUDE * 0.01, "alias at 2 kHz 40 dB down, got amplitude " + alias);
        }
    }

    @Test
    void wideCallerIntoNarrowMixDoesNotAlias() {
        // 6 kHz from a G.722 phone would fold to 2 kHz in an 8 kHz mix
        try (SipStream stream = stream(AudioCodec.G722, 8000, 20); AudioEncoder phone = CODECS.encoder(AudioCodec.G722, 16000)) {
            short[] mixed = receive(stream, phone, AudioCodec.G722, Tones.sine(6000, AMPLITUDE, 16000, 16000), 8000);
            double alias = SignalAnalysis.goertzelAmplitude(mixed, mixed.length / 4, mixed.length, 2000, 8000);
            assertTrue(alias < AMPLITUDE * 0.01, "alias at 2 kHz 40 dB down, got amplitude " + alias);
        }
    }

    @Test
    void narrowMixUpToWidebandLeavesNoImage() {
        // 1 kHz at 8 kHz zero-stuffed to 16 kHz would carry an image at 7 kHz
        try (SipStream stream = stream(AudioCodec.G722, 8000, 20); AudioDecoder phone = CODECS.decoder(AudioCodec.G722, 16000)) {
            short[] heard = send(stream, phone, Tones.sine(1000, AMPLITUDE, 8000, 8000), 8000);
            double image = SignalAnalysis.goertzelAmplitude(heard, heard.length / 4, heard.length, 7000, 16000);
            assertTrue(image < AMPLITUDE * 0.01, "image at 7 kHz 40 dB down, got amplitude " + image);
        }
    }

    @Test
    void matchingRatesPassStraightThrough() {
        short[] tone = Tones.sine(1000, AMPLITUDE, 8000, 8000);
        try (SipStream stream = stream(AudioCodec.PCMU, 8000, 20); AudioDecoder phone = CODECS.decoder(AudioCodec.PCMU, 8000);
            AudioEncoder direct = CODECS.encoder(AudioCodec.PCMU, 8000)) {
            short[] heard = send(stream, phone, tone, 8000);
            short[] expected = new short[tone.length];
            byte[] payload = new byte[160];
            for (int at = 0; at < tone.length; at += 160) {
                direct.encode(tone, at, 160, payload, 0);
                phone.decode(payload, 0, 160, expected, at);
            }
            assertArrayEquals(expected, heard, "no resampler in the path: the codec sees the mix sample for sample");
        }
    }

    private static SipStream stream(AudioCodec codec, int mixRate, int ptime) {
        return new SipStream(new SipLegParams(codec, codec.staticPayloadType(), 101, ptime, null), mixRate, CODECS,
            MediaConfig.loopback(), new MediaListener() { });
    }

    /** The mix in 20 ms frames through the stream's packetiser, decoded as the phone would. */
    private static short[] send(SipStream stream, AudioDecoder phone, short[] mix, int mixRate) {
        int frame = mixRate / 50;
        short[] heard = new short[phone.sampleRate() * 2];
        int written = 0;
        byte[] payload = new byte[1500];
        for (int at = 0; at + frame <= mix.length; at += frame) {
            stream.addMixFrame(Arrays.copyOfRange(mix, at, at + frame));
            int n;
            while ((n = stream.nextPacket(payload)) >= 0)
                written += phone.decode(payload, 0, n, heard, written);
        }
        return Arrays.copyOf(heard, written);
    }

    /** The phone's signal as RTP into the stream, one packet in and one mix frame out per 20 ms. */
    private static short[] receive(SipStream stream, AudioEncoder phone, AudioCodec codec, short[] signal, int mixRate) {
        int packet = codec.pcmRate() / 50;
        short[] mixed = new short[mixRate * 2];
        short[] frame = new short[mixRate / 50];
        int written = 0;
        byte[] payload = new byte[1500];
        int sequence = 0;
        for (int at = 0; at + packet <= signal.length; at += packet, sequence++) {
            int n = phone.encode(signal, at, packet, payload, 0);
            byte[] rtp = new RtpPacketBuilder().payloadType(codec.staticPayloadType()).sequenceNumber(sequence)
                .timestamp(codec.rtpTicks(at)).ssrc(42).payload(payload, 0, n).build();
            stream.receive(RtpPacket.parse(rtp, 0, rtp.length), 101, sequence * 20_000_000L);
            if (stream.readCallerFrame(frame, sequence * 20_000_000L)) {
                System.arraycopy(frame, 0, mixed, written, frame.length);
                written += frame.length;
            }
        }
        return Arrays.copyOf(mixed, written);
    }
}
