package org.sipgateway.conference;

/**
 * What the focus's offer and our answer agree on for audio. Payload type or extension id -1 means not negotiated.
 *
 * @param mid                    the content name, used as the RTP mid (RFC 8843 BUNDLE)
 * @param opusPayloadType        opus/48000/2 (RFC 7587)
 * @param redPayloadType         red/48000/2 around Opus (RFC 2198), only when we advertised opus-red
 * @param telephoneEventPayloadType telephone-event/8000 (RFC 4733)
 * @param audioLevelExtensionId  urn:ietf:params:rtp-hdrext:ssrc-audio-level (RFC 6464)
 * @param midExtensionId         urn:ietf:params:rtp-hdrext:sdes:mid (RFC 8843 section 15.1)
 * @param localSsrc              the SSRC we announced for the caller's voice
 * @param localStreamId          the msid stream id we announced for it (RFC 8830)
 */
public record AudioNegotiation(String mid, int opusPayloadType, int redPayloadType, int telephoneEventPayloadType,
        int audioLevelExtensionId, int midExtensionId, long localSsrc, String localStreamId) { }
