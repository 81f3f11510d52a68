package org.sipgateway.media.codec;

/** Which Opus implementation to use ({@code sipgateway.media.opus-implementation}). */
public enum OpusImplementation {
    /** libopus through libjitsi's JNI library when it loads here, Concentus otherwise. */
    AUTO,
    /** libopus through JNI; fail if it cannot be loaded. */
    NATIVE,
    /** Concentus, the pure-Java port of libopus (about ten times the CPU). */
    JAVA
}
