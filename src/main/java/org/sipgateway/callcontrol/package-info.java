/**
 * XMPP call control: the {@code callcontrol.<domain>} component (service discovery, Rayo dial and
 * hangup), the Jigasi brewery member (its room is {@code conference/}'s {@code BreweryRoom}) and the dial-out
 * policy; {@code link/} runs the component as an XEP-0114 external component of another XMPP server. May import
 * gateway/, conference/, Tinder's packet API ({@code org.xmpp.*}), dom4j and the JDK's StAX; never plugin/ or
 * Openfire's own classes ({@code org.jivesoftware.openfire.*}).
 */
package org.sipgateway.callcontrol;
