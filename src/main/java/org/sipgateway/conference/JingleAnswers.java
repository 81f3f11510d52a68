package org.sipgateway.conference;

import java.net.URI;
import java.util.List;
import org.jitsi.xmpp.extensions.colibri.SourcePacketExtension;
import org.jitsi.xmpp.extensions.jingle.CandidateType;
import org.jitsi.xmpp.extensions.jingle.ContentPacketExtension;
import org.jitsi.xmpp.extensions.jingle.ContentPacketExtension.CreatorEnum;
import org.jitsi.xmpp.extensions.jingle.ContentPacketExtension.SendersEnum;
import org.jitsi.xmpp.extensions.jingle.DtlsFingerprintPacketExtension;
import org.jitsi.xmpp.extensions.jingle.GroupPacketExtension;
import org.jitsi.xmpp.extensions.jingle.IceCandidatePacketExtension;
import org.jitsi.xmpp.extensions.jingle.IceRtcpmuxPacketExtension;
import org.jitsi.xmpp.extensions.jingle.IceUdpTransportPacketExtension;
import org.jitsi.xmpp.extensions.jingle.JingleAction;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jitsi.xmpp.extensions.jingle.ParameterPacketExtension;
import org.jitsi.xmpp.extensions.jingle.PayloadTypePacketExtension;
import org.jitsi.xmpp.extensions.jingle.RTPHdrExtPacketExtension;
import org.jitsi.xmpp.extensions.jingle.RtpDescriptionPacketExtension;
import org.jxmpp.jid.Jid;

/** Builds our Jingle messages to the focus: session-accept and transport-accept (XEP-0166, XEP-0167, XEP-0176). */
final class JingleAnswers {
    private JingleAnswers() {
    }

    /** session-accept: our audio description, our transport (setup="active": we are the DTLS client), BUNDLE. */
    static JingleIQ sessionAccept(Jid to, Jid responder, FocusOffer offer, AudioNegotiation audio,
            JingleTransport local, String sourceName) {
        final JingleIQ accept = new JingleIQ(JingleAction.SESSION_ACCEPT, offer.sid());
        accept.setTo(to);
        accept.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        accept.setResponder(responder);
        final ContentPacketExtension content = content(audio.mid());
        content.addChildExtension(description(offer, audio, sourceName));
        content.addChildExtension(transport(local));
        accept.addContent(content);
        if (offer.bundle()) {
            accept.addExtension(GroupPacketExtension.createBundleGroup(List.of(content)));
        }
        return accept;
    }

    /** transport-accept for a transport-replace: our new transport in the same content (XEP-0166 section 7.2.15). */
    static JingleIQ transportAccept(Jid to, String sid, String contentName, JingleTransport local) {
        final JingleIQ accept = new JingleIQ(JingleAction.TRANSPORT_ACCEPT, sid);
        accept.setTo(to);
        accept.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        final ContentPacketExtension content = content(contentName);
        content.addChildExtension(transport(local));
        accept.addContent(content);
        return accept;
    }

    private static ContentPacketExtension content(String name) {
        final ContentPacketExtension content = new ContentPacketExtension();
        content.setCreator(CreatorEnum.initiator);
        content.setName(name);
        content.setSenders(SendersEnum.both);
        return content;
    }

    private static RtpDescriptionPacketExtension description(FocusOffer offer, AudioNegotiation audio, String sourceName) {
        final RtpDescriptionPacketExtension d = new RtpDescriptionPacketExtension();
        d.setMedia("audio");
        // RED wraps Opus, so it is listed first: the first payload type is the one we send (RFC 2198, RFC 3264 section 6.1)
        if (audio.redPayloadType() >= 0) {
            d.addPayloadType(copy(offer.payload(FocusOffer.RED, 48000), true));
        }
        d.addPayloadType(copy(offer.payload(FocusOffer.OPUS, 48000), true));
        if (audio.telephoneEventPayloadType() >= 0) {
            d.addPayloadType(copy(offer.payload(FocusOffer.TELEPHONE_EVENT, 8000), false));
        }
        addHeaderExtension(d, audio.audioLevelExtensionId(), FocusOffer.AUDIO_LEVEL_URI);
        addHeaderExtension(d, audio.midExtensionId(), FocusOffer.MID_URI);
        final SourcePacketExtension source = new SourcePacketExtension();
        source.setSSRC(audio.localSsrc());
        source.setName(sourceName);
        source.addParameter(new ParameterPacketExtension("msid", audio.localStreamId()));
        d.addChildExtension(source);
        d.addChildExtension(new org.jitsi.xmpp.extensions.jingle.JingleRtcpmuxPacketExtension());
        return d;
    }

    /** A payload type as offered, keeping its fmtp parameters but no rtcp-fb we do not implement. */
    private static PayloadTypePacketExtension copy(PayloadTypePacketExtension offered, boolean keepParameters) {
        final PayloadTypePacketExtension p = new PayloadTypePacketExtension();
        p.setId(offered.getID());
        p.setName(offered.getName());
        p.setClockrate(offered.getClockrate());
        if (offered.getChannels() > 0) {
            p.setChannels(offered.getChannels());
        }
        if (keepParameters) {
            for (ParameterPacketExtension param : offered.getParameters()) {
                p.addParameter(new ParameterPacketExtension(param.getName(), param.getValue()));
            }
        }
        return p;
    }

    private static void addHeaderExtension(RtpDescriptionPacketExtension d, int id, String uri) {
        if (id < 0) {
            return;
        }
        final RTPHdrExtPacketExtension ext = new RTPHdrExtPacketExtension();
        ext.setID(Integer.toString(id));
        ext.setURI(URI.create(uri));
        d.addExtmap(ext);
    }

    static IceUdpTransportPacketExtension transport(JingleTransport local) {
        final IceUdpTransportPacketExtension t = new IceUdpTransportPacketExtension();
        t.setUfrag(local.ufrag());
        t.setPassword(local.password());
        t.addChildExtension(new IceRtcpmuxPacketExtension());
        final DtlsFingerprintPacketExtension fp = new DtlsFingerprintPacketExtension();
        fp.setHash(local.fingerprint().hash());
        fp.setFingerprint(local.fingerprint().value());
        fp.setSetup(local.fingerprint().setup() == null ? "active" : local.fingerprint().setup());
        t.addChildExtension(fp);
        int id = 1;
        for (JingleCandidate c : local.candidates()) {
            final IceCandidatePacketExtension x = new IceCandidatePacketExtension();
            x.setID("c" + id++);
            x.setFoundation(c.foundation());
            x.setComponent(c.component());
            x.setProtocol(c.protocol());
            x.setPriority(c.priority());
            x.setIP(c.ip());
            x.setPort(c.port());
            x.setType(CandidateType.valueOf(c.type()));
            x.setGeneration(c.generation());
            x.setNetwork(0);
            if (c.relatedIp() != null) {
                x.setRelAddr(c.relatedIp());
                x.setRelPort(c.relatedPort());
            }
            t.addCandidate(x);
        }
        return t;
    }
}
