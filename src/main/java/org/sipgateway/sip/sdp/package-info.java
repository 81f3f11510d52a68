/**
 * SDP offer/answer (RFC 4566, RFC 3264) for the SIP leg: one parser, one builder, one negotiator.
 * Pure text in, plain records out; imports nothing but the JDK.
 */
package org.sipgateway.sip.sdp;
