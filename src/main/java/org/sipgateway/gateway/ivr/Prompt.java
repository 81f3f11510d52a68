package org.sipgateway.gateway.ivr;

import java.time.Duration;

/**
 * One prompt ready to play: mono 16-bit PCM at {@code sampleRate}, and where it came from (the jar, or the
 * administrator's file that replaces it).
 */
public record Prompt(PromptName name, short[] pcm, int sampleRate, Origin origin, String location) {
    /** Shipped in the plugin jar, or the admin's override file. */
    public enum Origin { SHIPPED, OVERRIDE }

    public Duration duration() {
        return Duration.ofMillis(pcm.length * 1000L / sampleRate);
    }
}
