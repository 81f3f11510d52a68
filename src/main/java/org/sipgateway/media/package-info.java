/**
 * The media core's API for the gateway: {@link org.sipgateway.media.MediaEngine} (shared per plugin) creates one
 * {@link org.sipgateway.media.MediaSession} per call from negotiated parameters ({@link org.sipgateway.media.SipLegParams},
 * {@link org.sipgateway.media.BridgeParams}); events come back through {@link org.sipgateway.media.MediaListener}.
 * Settings arrive as {@link org.sipgateway.media.MediaConfig}. Below: {@code rtp}, {@code codec}, {@code mix},
 * {@code transport}. May import: the JDK, slf4j and its own subpackages. Never SIP (javax.sip), XMPP (Smack,
 * org.jitsi.xmpp) or Openfire classes: this layer is handed ports, keys, payload types and SSRCs.
 */
package org.sipgateway.media;
