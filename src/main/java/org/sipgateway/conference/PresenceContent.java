package org.sipgateway.conference;

import java.util.Map;
import org.jitsi.xmpp.extensions.jitsimeet.AudioMutedExtension;
import org.jitsi.xmpp.extensions.jitsimeet.FeatureExtension;
import org.jitsi.xmpp.extensions.jitsimeet.FeaturesExtension;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.nick.packet.Nick;

/**
 * Our presence in the conference room (docs/JITSI-WIRE.md): {@code <status>} first (Meet reads the first one),
 * the XEP-0172 nick, the Jitsi features, {@code <SourceInfo>} for our audio source (without it we count as
 * muted), {@code <audiomuted>}, and {@code <initiator>} with the call's headers, as Jigasi sends them.
 */
final class PresenceContent {
    static final String JIGASI_NS = "http://jitsi.org/protocol/jigasi";

    private final String shownName;
    private final String endpointId;
    private final Map<String, String> initiatorHeaders;
    private volatile String status = CallStatus.INITIALIZING;
    private volatile boolean muted;

    PresenceContent(ParticipantSpec spec) {
        this.shownName = spec.shownName();
        this.endpointId = spec.endpointId();
        this.initiatorHeaders = spec.initiatorHeaders();
    }

    void status(String value) {
        status = value;
    }

    String status() {
        return status;
    }

    void muted(boolean value) {
        muted = value;
    }

    boolean muted() {
        return muted;
    }

    /** Our audio source's name: Jitsi names sources {@code <endpoint>-a0}. */
    String audioSourceName() {
        return endpointId + "-a0";
    }

    /** Fills a presence to the room with the current state. */
    void applyTo(PresenceBuilder presence) {
        presence.setStatus(status);
        presence.addExtension(new Nick(shownName));
        final FeaturesExtension features = new FeaturesExtension();
        for (String var : GatewayFeatures.presenceFeatures()) {
            final FeatureExtension feature = new FeatureExtension();
            feature.setAttribute("var", var);
            features.addChildExtension(feature);
        }
        presence.addExtension(features);
        presence.addExtension(StandardExtensionElement.builder("SourceInfo", "jabber:client")
                .setText("{\"" + jsonEscape(audioSourceName()) + "\":{\"muted\":" + muted + "}}").build());
        final AudioMutedExtension audioMuted = new AudioMutedExtension();
        audioMuted.setAudioMuted(muted);
        presence.addExtension(audioMuted);
        if (!initiatorHeaders.isEmpty()) {
            final StandardExtensionElement.Builder initiator = StandardExtensionElement.builder("initiator", JIGASI_NS);
            initiatorHeaders.forEach((name, value) -> initiator.addElement(StandardExtensionElement
                    .builder("header", JIGASI_NS).addAttribute("name", name).addAttribute("value", value).build()));
            presence.addExtension(initiator.build());
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
