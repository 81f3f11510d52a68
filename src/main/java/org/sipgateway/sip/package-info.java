/**
 * The SIP leg of the gateway on jain-sip: {@link org.sipgateway.sip.SipService} (stack, transports,
 * inbound and outbound calls, registrations) configured by {@link org.sipgateway.sip.SipConfig}.
 * Subpackages: sdp (offer/answer), auth (digest, trust), call (dialogs), registration, stack (jain-sip glue).
 * No XMPP, Openfire or media imports: media is described by plain records from sdp.
 */
package org.sipgateway.sip;
