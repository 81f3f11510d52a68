/**
 * RTP building blocks: packet parse/build with RFC 8285 header extensions, the RFC 6464 audio level, RFC 2198
 * RED, RFC 4733 telephone events (both ways), RFC 3550 reception statistics and RTCP reports, and the
 * per-source jitter buffer. Pure data handling: no sockets, threads or codecs. May import only the JDK.
 */
package org.sipgateway.media.rtp;
