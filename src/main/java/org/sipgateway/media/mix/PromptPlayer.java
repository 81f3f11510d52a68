package org.sipgateway.media.mix;

import java.util.ArrayDeque;
import org.sipgateway.media.codec.Resampler;

/** Queued PCM (an IVR prompt) played into the SIP side's mix, 20 ms per tick, resampled to the mix rate. */
public final class PromptPlayer {
    private final int mixRate;
    private final ArrayDeque<short[]> queue = new ArrayDeque<>();
    private short[] current;
    private int position;

    public PromptPlayer(int mixRate) {
        this.mixRate = mixRate;
    }

    public synchronized void enqueue(short[] pcm, int sampleRate) {
        if (sampleRate == mixRate) {
            queue.add(pcm.clone());
            return;
        }
        Resampler r = new Resampler(sampleRate, mixRate);
        short[] out = new short[(int) ((long) pcm.length * mixRate / sampleRate) + 64];
        int n = r.process(pcm, 0, pcm.length, out, 0);
        queue.add(java.util.Arrays.copyOf(out, n));
    }

    public synchronized boolean isPlaying() {
        return current != null || !queue.isEmpty();
    }

    /** Next 20 ms of prompt, zero-padded at the end; false when nothing is queued. */
    public synchronized boolean nextFrame(short[] out) {
        int filled = 0;
        while (filled < out.length) {
            if (current == null) {
                current = queue.poll();
                position = 0;
                if (current == null)
                    break;
            }
            int n = Math.min(out.length - filled, current.length - position);
            System.arraycopy(current, position, out, filled, n);
            filled += n;
            position += n;
            if (position >= current.length)
                current = null;
        }
        if (filled == 0)
            return false;
        java.util.Arrays.fill(out, filled, out.length, (short) 0);
        return true;
    }

    public synchronized void clear() {
        queue.clear();
        current = null;
    }
}
