package org.sipgateway.media;

/** Counters of one side: packets in and out, RFC 3550 loss and interarrival jitter, concealed frames. */
public record StreamStats(long packetsReceived, long packetsSent, long packetsLost, double jitterMillis, long framesConcealed) { }
