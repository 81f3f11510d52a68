/**
 * The conference leg: one Jitsi Meet participant per call. {@link org.sipgateway.conference.ConferenceParticipant}
 * owns one Smack XMPP connection ({@link org.sipgateway.conference.XmppServerConfig}), joins the MUC with
 * Jigasi-compatible presence, answers the focus's disco#info, and runs the Jingle session with the focus
 * ({@link org.sipgateway.conference.JingleSession}); media is reached only through
 * {@link org.sipgateway.conference.JingleMedia}, which the gateway implements. Events go up through
 * {@link org.sipgateway.conference.ConferenceListener}.
 * May import: the JDK, slf4j, Smack ({@code org.jivesoftware.smack*}, {@code org.jxmpp}) and jitsi-xmpp-extensions.
 * Never SIP (javax.sip), Openfire ({@code org.jivesoftware.openfire}, {@code org.jivesoftware.util}) or media/.
 */
package org.sipgateway.conference;
