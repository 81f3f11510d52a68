package org.sipgateway.media;

import org.sipgateway.media.transport.IceDescription;

/**
 * The negotiated bridge side (from the Jingle offer): the remote ICE agent and DTLS fingerprint (sha-256),
 * our ICE role, payload types (opus, red or -1, telephone-event or -1), header extension ids (ssrc-audio-level,
 * sdes:mid, or -1), our mid, and the SSRC we announced for the caller's voice.
 */
public record BridgeParams(IceDescription remoteIce, String remoteFingerprint, boolean iceControlling, int opusPayloadType,
    int redPayloadType, int telephoneEventPayloadType, int audioLevelExtensionId, int midExtensionId, String mid,
    int localSsrc) {
    public BridgeParams {
        if (remoteFingerprint == null || remoteFingerprint.isBlank())
            throw new IllegalArgumentException("the bridge's DTLS fingerprint is missing");
        if (opusPayloadType < 0 || opusPayloadType > 127)
            throw new IllegalArgumentException("opus payload type must be 0..127, got " + opusPayloadType);
    }

    /** Jitsi's usual offer: opus 111, red 112, telephone-event 126, audio-level 1, mid 10, ICE controlled. */
    public static BridgeParams jitsiDefaults(IceDescription remoteIce, String remoteFingerprint, int localSsrc) {
        return new BridgeParams(remoteIce, remoteFingerprint, false, 111, 112, 126, 1, 10, "audio", localSsrc);
    }

    /** The same negotiation on a new transport (Jingle transport-replace). */
    public BridgeParams withTransport(IceDescription ice, String fingerprint) {
        return new BridgeParams(ice, fingerprint, iceControlling, opusPayloadType, redPayloadType, telephoneEventPayloadType,
            audioLevelExtensionId, midExtensionId, mid, localSsrc);
    }
}
