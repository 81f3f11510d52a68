/**
 * The call-control component as an XEP-0114 external component: {@link org.sipgateway.callcontrol.link.ComponentLink}
 * connects a Tinder {@code Component} to another XMPP server (typically the Prosody of a separate Jitsi Meet
 * install), authenticates with the shared secret, routes stanzas both ways, keeps the connection alive and
 * reconnects with backoff. Parsing is JDK StAX without DTDs or entities, with caps on stanza size and depth.
 * May import Tinder ({@code org.xmpp.*}), dom4j and the JDK; never Openfire.
 */
package org.sipgateway.callcontrol.link;
