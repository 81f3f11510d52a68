/**
 * The focus/bridge test peer: plays Jicofo and the videobridge toward the gateway's conference participant, with
 * the same real stacks (Smack in a real MUC; with media, ice4j, BouncyCastle DTLS, jitsi-srtp, Opus). See
 * docs/TESTING.md, section "The focus/bridge test peer".
 */
package org.sipgateway.testkit.jitsi;
