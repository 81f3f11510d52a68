package org.sipgateway.media;

/**
 * Counters of one side: packets in and out, RFC 3550 loss and interarrival jitter of what we receive, concealed
 * frames, the loss fraction (0..1) the far end last reported about what we send, and the round-trip time measured
 * from its RTCP reports (RFC 3550 section 6.4.1); both -1 before any report.
 */
public record StreamStats(long packetsReceived, long packetsSent, long packetsLost, double jitterMillis, long framesConcealed,
    double remoteReportedLoss, double roundTripMillis) { }
