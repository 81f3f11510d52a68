/**
 * Media sockets. Toward the bridge: ICE (ice4j), DTLS 1.2 client and server (BouncyCastle) on the selected pair
 * with RFC 7983 demultiplexing, and SRTP (jitsi-srtp) keyed from the DTLS exporter. Toward SIP: plain RTP on UDP
 * sockets from a bounded port pool. May import: the JDK, slf4j, ice4j, BouncyCastle, jitsi-srtp (and its
 * jitsi-utils types), and {@code org.sipgateway.media.rtp}. No SIP, XMPP or Openfire classes.
 */
package org.sipgateway.media.transport;
