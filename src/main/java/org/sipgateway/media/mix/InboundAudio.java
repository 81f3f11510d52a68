package org.sipgateway.media.mix;

import org.sipgateway.media.codec.AudioDecoder;
import org.sipgateway.media.rtp.JitterBuffer;

/**
 * One received stream turned into 20 ms PCM frames at the mix rate: jitter buffer, then decoder (or its loss
 * concealment), through a small FIFO so packet times other than 20 ms work. A stream with nothing buffered is
 * silent and costs no decoding.
 */
public final class InboundAudio implements AutoCloseable {
    private final JitterBuffer buffer;
    private final AudioDecoder decoder;
    private final int frameSamples;
    private final short[] fifo;
    private int fifoCount;
    private int lastPacketSamples;
    private long lastAudioNanos;
    private boolean closed;

    public InboundAudio(JitterBuffer buffer, AudioDecoder decoder) {
        this.buffer = buffer;
        this.decoder = decoder;
        this.frameSamples = decoder.sampleRate() * MixClock.TICK_MILLIS / 1000;
        this.fifo = new short[decoder.sampleRate() * 200 / 1000]; // room for the longest packet plus a frame
        this.lastPacketSamples = frameSamples;
    }

    public JitterBuffer jitterBuffer() { return buffer; }

    public void insert(int sequence, long timestamp, int payloadType, byte[] payload, long arrivalNanos) {
        buffer.insert(sequence, timestamp, payloadType, payload, arrivalNanos);
    }

    /**
     * Fills {@code out} with the next 20 ms as of {@code nowNanos} (the arrival times' clock); returns false (and
     * leaves {@code out} alone) when the stream is silent.
     */
    public synchronized boolean nextFrame(short[] out, long nowNanos) {
        if (closed)
            return false;
        while (fifoCount < frameSamples) {
            JitterBuffer.Slot slot = buffer.poll(nowNanos);
            int produced;
            switch (slot.kind()) {
                case PACKET -> {
                    byte[] p = slot.packet().payload();
                    produced = decoder.decode(p, 0, p.length, fifo, fifoCount);
                    if (produced > 0)
                        lastPacketSamples = produced;
                    else
                        produced = decoder.conceal(fifo, fifoCount, lastPacketSamples); // undecodable: conceal
                }
                case LOST -> {
                    JitterBuffer.BufferedPacket next = slot.next();
                    produced = next == null ? decoder.conceal(fifo, fifoCount, lastPacketSamples)
                        : decoder.decodeFec(next.payload(), 0, next.payload().length, fifo, fifoCount, lastPacketSamples);
                }
                default -> produced = 0;
            }
            if (produced == 0) {
                if (fifoCount == 0)
                    return false;
                java.util.Arrays.fill(fifo, fifoCount, frameSamples, (short) 0); // end of a talk spurt
                fifoCount = frameSamples;
            } else
                fifoCount += produced;
        }
        System.arraycopy(fifo, 0, out, 0, frameSamples);
        fifoCount -= frameSamples;
        System.arraycopy(fifo, frameSamples, fifo, 0, fifoCount);
        lastAudioNanos = System.nanoTime();
        return true;
    }

    public long lastAudioNanos() { return lastAudioNanos; }

    /** Frees the decoder; safe against a concurrent {@link #nextFrame} (both hold this object's lock). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            decoder.close();
        }
    }
}
