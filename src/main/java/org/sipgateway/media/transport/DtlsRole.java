package org.sipgateway.media.transport;

/** Which end of the DTLS handshake we are (RFC 5763 section 5: setup:active is the client). */
public enum DtlsRole {
    /** setup="active": the gateway toward the bridge (Jicofo offers actpass). */
    CLIENT,
    /** setup="passive": the test bridge. */
    SERVER
}
