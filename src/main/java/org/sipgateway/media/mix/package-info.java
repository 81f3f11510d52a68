/**
 * Mixing on a 20 ms clock: the shared {@link org.sipgateway.media.mix.MixClock} (a small pool of fixed-rate lanes that
 * tick their calls back to back), {@link org.sipgateway.media.mix.InboundAudio} (jitter buffer + decoder into 20 ms frames,
 * silent streams cost nothing), the clipping-safe {@link org.sipgateway.media.mix.AudioMixer} and the prompt player.
 * May import: the JDK, slf4j, {@code org.sipgateway.media.codec} and {@code org.sipgateway.media.rtp}. No sockets here.
 */
package org.sipgateway.media.mix;
