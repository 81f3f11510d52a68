package org.sipgateway.media;

import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.AudioDecoder;
import org.sipgateway.media.codec.AudioEncoder;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.mix.AudioMixer;
import org.sipgateway.testkit.audio.Tones;

/**
 * The floor the media path is compared with: per call and 20 ms, decode 3 Opus speakers to 8 kHz, mix, encode
 * PCMU; decode the phone's PCMU, encode Opus. Codecs and mixing only: no sockets, SRTP, jitter buffer or clock.
 * The benchmark runs one instance per call, round robin, so codec state competes for caches as in the real run.
 */
public final class BareCodecLoop implements AutoCloseable {
    private final AudioDecoder[] speakers = new AudioDecoder[3];
    private static final int LOOP_FRAMES = 50;
    private final byte[][][] speakerPackets = new byte[3][LOOP_FRAMES][];
    private int position;
    private final AudioEncoder pcmuEncoder;
    private final AudioDecoder pcmuDecoder;
    private final AudioEncoder opusUp;
    private final AudioMixer mixer = new AudioMixer(160);
    private final short[] frame = new short[160];
    private final short[] mixed = new short[160];
    private final byte[] pcmuPacket = new byte[160];
    private final byte[] out = new byte[1500];

    public BareCodecLoop(CodecFactory codecs) {
        for (int i = 0; i < 3; i++) {
            speakers[i] = codecs.decoder(AudioCodec.OPUS, 8000);
            try (AudioEncoder enc = codecs.encoder(AudioCodec.OPUS, 48000)) {
                for (int f = 0; f < LOOP_FRAMES; f++) { // one second of a real stream, like the benchmark's bridge sends
                    short[] pcm = Tones.sine(440 + 500 * i, 0.15, 48000, 960, f * 960L);
                    speakerPackets[i][f] = java.util.Arrays.copyOf(out, enc.encode(pcm, 0, 960, out, 0));
                }
            }
        }
        pcmuEncoder = codecs.encoder(AudioCodec.PCMU, 8000);
        pcmuDecoder = codecs.decoder(AudioCodec.PCMU, 8000);
        opusUp = codecs.encoder(AudioCodec.OPUS, 8000);
        pcmuEncoder.encode(Tones.sine(800, 0.3, 8000, 160), 0, 160, pcmuPacket, 0);
    }

    /** One 20 ms tick of one call. */
    public void tick() {
        mixer.clear();
        for (int i = 0; i < 3; i++) {
            byte[] packet = speakerPackets[i][position];
            speakers[i].decode(packet, 0, packet.length, frame, 0);
            mixer.add(frame);
        }
        position = (position + 1) % LOOP_FRAMES;
        mixer.mixInto(mixed);
        pcmuEncoder.encode(mixed, 0, 160, out, 0);
        pcmuDecoder.decode(pcmuPacket, 0, 160, frame, 0);
        opusUp.encode(frame, 0, 160, out, 0);
    }

    @Override
    public void close() {
        for (AudioDecoder d : speakers)
            d.close();
        opusUp.close();
    }
}
