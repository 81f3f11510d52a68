/**
 * SIP dialogs of calls (RFC 3261 sections 12-15): inbound {@link org.sipgateway.sip.call.IncomingCall},
 * the established {@link org.sipgateway.sip.call.SipCall} with its events, outbound INVITE with digest
 * retry and CANCEL, re-INVITE/UPDATE, INFO DTMF and RFC 4028 session timers.
 * Imports javax.sip, the sibling packages sdp/auth/stack and slf4j.
 */
package org.sipgateway.sip.call;
