/**
 * The keypad IVR for callers who cannot send a room header: prompts (WAV files shipped in the jar, each
 * replaceable by the administrator), and the dialogue that collects a PIN or a room password from RFC 4733
 * or SIP INFO digits with inter-digit and overall timeouts. Knows neither SIP nor XMPP: the call in
 * {@code gateway/} feeds it digits and acts on what was typed. May import media/ only.
 */
package org.sipgateway.gateway.ivr;
