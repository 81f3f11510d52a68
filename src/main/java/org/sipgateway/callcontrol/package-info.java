/**
 * XMPP call control: the {@code callcontrol.<domain>} component (service discovery, Rayo dial and
 * hangup) and, later, the brewery member; {@code link/} runs the component as an XEP-0114 external component
 * of another XMPP server. May import Tinder's packet API ({@code org.xmpp.*}) and gateway/; never Openfire's
 * own classes ({@code org.jivesoftware.openfire.*}).
 */
package org.sipgateway.callcontrol;
