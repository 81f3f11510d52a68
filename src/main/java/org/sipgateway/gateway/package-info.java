/**
 * The call: one {@code GatewaySession} binds a SIP dialog, a conference participant and a media
 * session; room resolution, call limits and the registry of live calls. The only package that
 * knows both SIP and XMPP. May import sip/, conference/ and media/; never plugin/ or Openfire.
 */
package org.sipgateway.gateway;
