package org.sipgateway.media;

/**
 * Counters of one side: packets in and out, RFC 3550 loss and interarrival jitter of what we receive, concealed
 * frames, and the loss fraction (0..1) the far end last reported about what we send (RTCP), -1 before any report.
 */
public record StreamStats(long packetsReceived, long packetsSent, long packetsLost, double jitterMillis, long framesConcealed,
    double remoteReportedLoss) { }
