package org.sipgateway.conference;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;

/**
 * What we advertise so the focus sends an audio-only offer (docs/JITSI-WIRE.md): the audio Jingle set,
 * plus Jitsi's jigasi, source-name and audio-mute features; no video, no json-encoded-sources, no transport-cc.
 */
public final class GatewayFeatures {
    public static final String JINGLE = "urn:xmpp:jingle:1";
    public static final String JINGLE_RTP = "urn:xmpp:jingle:apps:rtp:1";
    public static final String JINGLE_RTP_AUDIO = "urn:xmpp:jingle:apps:rtp:audio";
    public static final String ICE_UDP = "urn:xmpp:jingle:transports:ice-udp:1";
    public static final String DTLS = "urn:xmpp:jingle:apps:dtls:0";
    public static final String GROUPING = "urn:ietf:rfc:5888";
    public static final String RTCP_MUX = "urn:ietf:rfc:5761";
    public static final String JIGASI = "http://jitsi.org/protocol/jigasi";
    public static final String SOURCE_NAME = "http://jitsi.org/protocol/source-name";
    public static final String AUDIO_MUTE = "http://jitsi.org/protocol/audio-mute";
    public static final String JINGLE_DTMF = "urn:xmpp:jingle:dtmf:0";
    public static final String OPUS_RED = "http://jitsi.org/opus-red";

    /** Features that would make the focus offer video or sources we do not parse: never advertised. */
    public static final List<String> NEVER = List.of("urn:xmpp:jingle:apps:rtp:video",
            "http://jitsi.org/json-encoded-sources", "http://jitsi.org/tcc", "urn:ietf:rfc:4588");

    private GatewayFeatures() {
    }

    /** The disco#info features (XEP-0030) of a participant, with RED only when asked for. */
    public static List<String> discoFeatures(boolean opusRed) {
        final List<String> features = new ArrayList<>(List.of(JINGLE, JINGLE_RTP, JINGLE_RTP_AUDIO, ICE_UDP, DTLS,
                GROUPING, RTCP_MUX, JIGASI, SOURCE_NAME, AUDIO_MUTE, JINGLE_DTMF));
        if (opusRed) {
            features.add(OPUS_RED);
        }
        return features;
    }

    /** The features Meet reads from presence: phone icon, DTMF, remote mute. */
    public static List<String> presenceFeatures() {
        return List.of(JIGASI, JINGLE_DTMF, AUDIO_MUTE);
    }

    /** Sets this connection's disco#info answer: identity client/phone plus {@link #discoFeatures}. */
    static void advertise(XMPPConnection connection, boolean opusRed) {
        final ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        disco.setIdentity(new org.jivesoftware.smackx.disco.packet.DiscoverInfo.Identity("client", "SIP gateway", "phone"));
        for (String feature : NEVER) {
            disco.removeFeature(feature);
        }
        for (String feature : discoFeatures(opusRed)) {
            disco.addFeature(feature);
        }
    }
}
