package org.sipgateway.media;

/** Both sides' counters at one moment; the bridge side sums over all speakers. */
public record MediaStats(StreamStats sip, StreamStats bridge, int speakers) { }
