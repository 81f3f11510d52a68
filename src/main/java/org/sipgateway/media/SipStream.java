package org.sipgateway.media;

import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.AudioDecoder;
import org.sipgateway.media.codec.AudioEncoder;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.codec.Resampler;
import org.sipgateway.media.mix.InboundAudio;
import org.sipgateway.media.mix.MixClock;
import org.sipgateway.media.rtp.DtmfReceiver;
import org.sipgateway.media.rtp.JitterBuffer;
import org.sipgateway.media.rtp.RtpPacket;

/**
 * One negotiated SIP codec at work: its encoder and packetiser, its jitter buffer and decoder, its RFC 4733 receiver,
 * and the resamplers between the codec's rate and the session's mix rate (none when they are equal; Opus always runs
 * at the mix rate). A codec change replaces the whole stream, so the new codec starts clean; {@link #close()} frees
 * the old codecs.
 */
final class SipStream implements AutoCloseable {
    private final SipLegParams params;
    private final AudioEncoder encoder;
    private final InboundAudio inbound;
    private final DtmfReceiver dtmf;
    private final Resampler toCodec; // mix rate -> codec rate, null when equal
    private final Resampler toMix;   // codec rate -> mix rate, null when equal
    private final short[] codecFrame; // one 20 ms frame at the codec rate, when resampling
    private final short[] pending;
    private final int packetSamples;
    private final int pcmRate;
    private final long[] reportState = new long[2];
    private int pendingCount;

    SipStream(SipLegParams params, int mixRate, CodecFactory codecs, MediaConfig config, MediaListener listener) {
        this.params = params;
        AudioCodec codec = params.codec();
        this.pcmRate = codec == AudioCodec.OPUS ? mixRate : codec.pcmRate(); // libopus codes 8/16/48 kHz PCM as is
        int clock = codec.rtpClockRate();
        JitterBuffer buffer = JitterBuffer.ofMillis(config.jitterMinMillis(), config.jitterMaxMillis(), params.ptimeMillis(), clock);
        AudioEncoder enc = codecs.encoder(codec, pcmRate);
        AudioDecoder dec;
        try {
            dec = codecs.decoder(codec, pcmRate);
        } catch (RuntimeException e) {
            enc.close();
            throw e;
        }
        this.encoder = enc;
        this.inbound = new InboundAudio(buffer, dec);
        this.dtmf = new DtmfReceiver(params.telephoneEventClockRate(), listener::onDtmfFromSip);
        boolean resample = pcmRate != mixRate;
        this.toCodec = resample ? new Resampler(mixRate, pcmRate) : null;
        this.toMix = resample ? new Resampler(pcmRate, mixRate) : null;
        this.codecFrame = resample ? new short[pcmRate * MixClock.TICK_MILLIS / 1000] : null;
        this.packetSamples = pcmRate * params.ptimeMillis() / 1000;
        this.pending = new short[packetSamples + pcmRate * MixClock.TICK_MILLIS / 1000];
    }

    SipLegParams params() { return params; }

    int rtpClockRate() { return params.codec().rtpClockRate(); }

    /** RTP timestamp units in one 20 ms tick. */
    long frameTicks() { return (long) rtpClockRate() * MixClock.TICK_MILLIS / 1000; }

    /** Whether switching to {@code next} keeps the audio path (only the address or the event payload type change). */
    boolean sameAudio(SipLegParams next) {
        return next.codec() == params.codec() && next.payloadType() == params.payloadType()
            && next.ptimeMillis() == params.ptimeMillis() && next.telephoneEventClockRate() == params.telephoneEventClockRate();
    }

    /**
     * Takes one received RTP packet read at the tick {@code nowNanos}: audio of our payload type to the jitter buffer,
     * events to the digit receiver.
     */
    void receive(RtpPacket p, int telephoneEventPayloadType, long nowNanos) {
        // read at the tick, it arrived some time during the last one: half a tick ago is the unbiased guess
        long arrivalNanos = nowNanos - MixClock.TICK_MILLIS * 500_000L;
        if (p.payloadType() == params.payloadType())
            inbound.insert(p.sequenceNumber(), p.timestamp(), p.payloadType(), p.payload(), arrivalNanos);
        else if (p.payloadType() == telephoneEventPayloadType) {
            inbound.jitterBuffer().statistics().onUntimedPacket(p.sequenceNumber(), p.payloadLength()); // not loss
            dtmf.receive(p.timestamp(), p.buffer(), p.payloadOffset(), p.payloadLength());
        }
    }

    /** The caller's next 20 ms at the mix rate; false when the caller is silent. */
    boolean readCallerFrame(short[] mixFrame, long nowNanos) {
        if (toMix == null)
            return inbound.nextFrame(mixFrame, nowNanos);
        if (!inbound.nextFrame(codecFrame, nowNanos))
            return false;
        toMix.process(codecFrame, 0, codecFrame.length, mixFrame, 0);
        return true;
    }

    /** Queues one 20 ms mix frame for packetising, converted to the codec's rate. */
    void addMixFrame(short[] mixFrame) {
        if (toCodec == null) {
            System.arraycopy(mixFrame, 0, pending, pendingCount, mixFrame.length);
            pendingCount += mixFrame.length;
        } else
            pendingCount += toCodec.process(mixFrame, 0, mixFrame.length, pending, pendingCount);
    }

    /** Encodes the next whole packet into {@code out}; returns its length, or -1 when less than a packet is queued. */
    int nextPacket(byte[] out) {
        if (pendingCount < packetSamples)
            return -1;
        int n = encoder.encode(pending, 0, packetSamples, out, 0);
        pendingCount -= packetSamples;
        System.arraycopy(pending, packetSamples, pending, 0, pendingCount);
        return n;
    }

    /** RTP timestamp units of one packet. */
    long packetTicks() { return (long) rtpClockRate() * params.ptimeMillis() / 1000; }

    /** Drops the queued part-packet (a digit replaces audio, or the codec changes); returns its RTP duration. */
    long dropPending() {
        long ticks = (long) pendingCount * rtpClockRate() / pcmRate;
        pendingCount = 0;
        return ticks;
    }

    JitterBuffer jitterBuffer() { return inbound.jitterBuffer(); }

    /** Expected/received counts at the last RTCP report block (RFC 3550 appendix A.3), per received stream. */
    long[] reportState() { return reportState; }

    /** Frees the encoder and decoder (native for libopus); safe against a tick still reading (InboundAudio locks). */
    @Override
    public void close() {
        inbound.close();
        encoder.close();
    }
}
