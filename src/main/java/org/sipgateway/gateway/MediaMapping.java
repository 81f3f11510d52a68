package org.sipgateway.gateway;

import java.net.InetSocketAddress;
import java.util.List;
import org.sipgateway.conference.AudioNegotiation;
import org.sipgateway.conference.DtlsFingerprint;
import org.sipgateway.conference.JingleCandidate;
import org.sipgateway.conference.JingleTransport;
import org.sipgateway.media.BridgeParams;
import org.sipgateway.media.LocalBridgeDescription;
import org.sipgateway.media.SipLegParams;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.transport.IceCandidate;
import org.sipgateway.media.transport.IceDescription;
import org.sipgateway.sip.sdp.NegotiatedMedia;

/** Translates what SIP and Jingle negotiated into media's terms and back; no decisions of its own. */
final class MediaMapping {
    private MediaMapping() {
    }

    /** The SIP leg as media runs it; the remote address is null while the phone holds (c=0.0.0.0). */
    static SipLegParams sipLeg(NegotiatedMedia negotiated) {
        final AudioCodec codec = codec(negotiated.codec().name());
        final InetSocketAddress remote = negotiated.heldByPeer() || negotiated.remotePort() <= 0 ? null
                : new InetSocketAddress(negotiated.remoteAddress(), negotiated.remotePort());
        final int ptime = codec == AudioCodec.OPUS ? 20 : negotiated.ptime();
        final int eventClock = negotiated.telephoneEventPayloadType() >= 0 && negotiated.telephoneEventClockRate() > 0
                ? negotiated.telephoneEventClockRate() : codec.rtpClockRate();
        return new SipLegParams(codec, negotiated.payloadType(), negotiated.telephoneEventPayloadType(), eventClock, ptime,
                remote);
    }

    static AudioCodec codec(String sdpName) {
        for (AudioCodec codec : AudioCodec.values()) {
            if (codec.encodingName().equalsIgnoreCase(sdpName)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("codec " + sdpName + " has no media implementation");
    }

    /** The bridge leg from the focus's offer: we are the ICE-controlled side and the DTLS client. */
    static BridgeParams bridgeLeg(AudioNegotiation audio, JingleTransport bridge) {
        return new BridgeParams(ice(bridge), bridge.fingerprint().value(), false, audio.opusPayloadType(),
                audio.redPayloadType(), audio.telephoneEventPayloadType(), audio.audioLevelExtensionId(),
                audio.midExtensionId(), audio.mid(), (int) audio.localSsrc());
    }

    static IceDescription ice(JingleTransport transport) {
        return new IceDescription(transport.ufrag(), transport.password(), transport.candidates().stream()
                .map(c -> new IceCandidate(c.foundation(), c.component(), c.protocol(), c.priority(), c.ip(), c.port(),
                        c.type(), c.relatedIp(), c.relatedPort(), c.generation()))
                .toList());
    }

    /** Our side for the session-accept / transport-accept. */
    static JingleTransport jingle(LocalBridgeDescription local) {
        final List<JingleCandidate> candidates = local.ice().candidates().stream()
                .map(c -> new JingleCandidate(c.foundation(), c.component(), c.protocol(), c.priority(), c.ip(), c.port(),
                        c.type(), c.relatedIp(), c.relatedPort(), c.generation()))
                .toList();
        return new JingleTransport(local.ice().ufrag(), local.ice().password(), candidates,
                new DtlsFingerprint(local.fingerprintHash(), local.fingerprint(), local.setup()));
    }
}
