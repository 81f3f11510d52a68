package org.sipgateway.conference;

import java.util.ArrayList;
import java.util.List;
import org.jitsi.xmpp.extensions.colibri.SourcePacketExtension;
import org.jitsi.xmpp.extensions.jingle.CandidatePacketExtension;
import org.jitsi.xmpp.extensions.jingle.ContentPacketExtension;
import org.jitsi.xmpp.extensions.jingle.DtlsFingerprintPacketExtension;
import org.jitsi.xmpp.extensions.jingle.GroupPacketExtension;
import org.jitsi.xmpp.extensions.jingle.IceUdpTransportPacketExtension;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jitsi.xmpp.extensions.jingle.PayloadTypePacketExtension;
import org.jitsi.xmpp.extensions.jingle.RTPHdrExtPacketExtension;
import org.jitsi.xmpp.extensions.jingle.RtpDescriptionPacketExtension;
import org.jitsi.xmpp.extensions.jitsimeet.SSRCInfoPacketExtension;

/**
 * The focus's session-initiate, read for an audio-only participant: the audio content (RTP description,
 * ice-udp transport with DTLS fingerprint, sources), BUNDLE and rtcp-mux. Parsing rejects what we cannot
 * answer with a text for the XMPP error.
 */
public record FocusOffer(String sid, String contentName, List<PayloadTypePacketExtension> payloadTypes,
        List<RTPHdrExtPacketExtension> headerExtensions, JingleTransport bridge, List<RemoteSource> sources,
        boolean bundle, boolean rtcpMux) {

    public static final String OPUS = "opus";
    public static final String RED = "red";
    public static final String TELEPHONE_EVENT = "telephone-event";
    public static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";

    public FocusOffer {
        payloadTypes = List.copyOf(payloadTypes);
        headerExtensions = List.copyOf(headerExtensions);
        sources = List.copyOf(sources);
    }

    /** Reads a session-initiate (or the new transport of a transport-replace needs {@link #transportOf}). */
    public static FocusOffer parse(JingleIQ initiate) throws OfferRejectedException {
        final ContentPacketExtension audio = audioContent(initiate);
        final RtpDescriptionPacketExtension description = audio.getFirstChildOfType(RtpDescriptionPacketExtension.class);
        final JingleTransport transport = transportOf(audio);
        final IceUdpTransportPacketExtension ice = audio.getFirstChildOfType(IceUdpTransportPacketExtension.class);
        final boolean bundle = initiate.getExtensions(GroupPacketExtension.class).stream()
                .anyMatch(g -> "BUNDLE".equals(g.getSemantics()));
        // rtcp-mux may sit in the description (XEP-0167 section 5) or the transport (Jitsi puts it in both)
        final boolean rtcpMux = ice.isRtcpMux() || description.getChildExtensions().stream()
                .anyMatch(e -> "rtcp-mux".equals(e.getElementName()));
        return new FocusOffer(initiate.getSID(), audio.getName(), description.getPayloadTypes(),
                description.getExtmapList(), transport, sourcesOf(audio), bundle, rtcpMux);
    }

    /** The audio content: media="audio" on the RTP description (XEP-0167 section 4). */
    static ContentPacketExtension audioContent(JingleIQ iq) throws OfferRejectedException {
        for (ContentPacketExtension c : iq.getContentList()) {
            final RtpDescriptionPacketExtension d = c.getFirstChildOfType(RtpDescriptionPacketExtension.class);
            if (d != null && "audio".equals(d.getMedia())) {
                return c;
            }
        }
        throw new OfferRejectedException("the offer has no audio content (a phone participant takes audio only)");
    }

    /** The audio content, or the only content there is (a transport-replace may omit the description). */
    static ContentPacketExtension audioContentOrOnly(JingleIQ iq) throws OfferRejectedException {
        if (iq.getContentList().size() == 1) {
            return iq.getContentList().get(0);
        }
        return audioContent(iq);
    }

    /** The ice-udp transport of a content, with its DTLS fingerprint (XEP-0176, XEP-0320). */
    static JingleTransport transportOf(ContentPacketExtension content) throws OfferRejectedException {
        final IceUdpTransportPacketExtension ice = content.getFirstChildOfType(IceUdpTransportPacketExtension.class);
        if (ice == null) {
            throw new OfferRejectedException("content '" + content.getName()
                    + "' has no urn:xmpp:jingle:transports:ice-udp:1 transport");
        }
        if (ice.getUfrag() == null || ice.getPassword() == null) {
            throw new OfferRejectedException("the ice-udp transport has no ufrag/pwd");
        }
        final DtlsFingerprintPacketExtension fp = ice.getFirstChildOfType(DtlsFingerprintPacketExtension.class);
        if (fp == null || fp.getFingerprint() == null || fp.getHash() == null) {
            throw new OfferRejectedException("the transport has no DTLS fingerprint (urn:xmpp:jingle:apps:dtls:0): "
                    + "the bridge needs DTLS-SRTP");
        }
        return new JingleTransport(ice.getUfrag(), ice.getPassword(), candidatesOf(ice),
                new DtlsFingerprint(fp.getHash(), fp.getFingerprint().trim(), fp.getSetup()));
    }

    static List<JingleCandidate> candidatesOf(IceUdpTransportPacketExtension ice) {
        final List<JingleCandidate> out = new ArrayList<>();
        for (CandidatePacketExtension c : ice.getCandidateList()) {
            out.add(new JingleCandidate(c.getFoundation(), c.getComponent(), c.getProtocol(),
                    Integer.toUnsignedLong(c.getPriority()), c.getIP(), c.getPort(),
                    c.getType() == null ? "host" : c.getType().toString(), c.getRelAddr(),
                    c.getRelAddr() == null ? 0 : c.getRelPort(), c.getGeneration()));
        }
        return out;
    }

    /** Sources with Jitsi's ssrc-info owner (XEP-0339; http://jitsi.org/jitmeet). */
    static List<RemoteSource> sourcesOf(ContentPacketExtension content) {
        final RtpDescriptionPacketExtension d = content.getFirstChildOfType(RtpDescriptionPacketExtension.class);
        final List<RemoteSource> out = new ArrayList<>();
        if (d == null) {
            return out;
        }
        for (SourcePacketExtension s : d.getChildExtensionsOfType(SourcePacketExtension.class)) {
            if (!s.hasSSRC()) {
                continue;
            }
            final SSRCInfoPacketExtension info = s.getFirstChildOfType(SSRCInfoPacketExtension.class);
            out.add(new RemoteSource(s.getSSRC(), s.getName(),
                    info == null || info.getOwner() == null ? null : info.getOwner().toString()));
        }
        return out;
    }

    /** The first offered payload type with this name and clock rate, or null. */
    public PayloadTypePacketExtension payload(String name, int clockRate) {
        for (PayloadTypePacketExtension p : payloadTypes) {
            if (name.equalsIgnoreCase(p.getName()) && p.getClockrate() == clockRate) {
                return p;
            }
        }
        return null;
    }

    /** The id of an offered header extension, or -1. */
    public int headerExtensionId(String uri) {
        for (RTPHdrExtPacketExtension h : headerExtensions) {
            if (h.getURI() != null && uri.equals(h.getURI().toString())) {
                try {
                    return Integer.parseInt(h.getID());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Picks what we answer: Opus (required), RED only when {@code wantRed} and offered, telephone-event when
     * offered; the audio-level and mid header extensions when offered.
     */
    public AudioNegotiation negotiate(boolean wantRed, long localSsrc, String localStreamId) throws OfferRejectedException {
        final PayloadTypePacketExtension opus = payload(OPUS, 48000);
        if (opus == null || (opus.getChannels() != 2 && opus.getChannels() != 0)) {
            throw new OfferRejectedException("the offer has no opus/48000/2 payload type (offered: " + offeredNames() + ")");
        }
        final PayloadTypePacketExtension red = wantRed ? payload(RED, 48000) : null;
        final PayloadTypePacketExtension dtmf = payload(TELEPHONE_EVENT, 8000);
        return new AudioNegotiation(contentName, opus.getID(), red == null ? -1 : red.getID(),
                dtmf == null ? -1 : dtmf.getID(), headerExtensionId(AUDIO_LEVEL_URI), headerExtensionId(MID_URI),
                localSsrc, localStreamId);
    }

    private String offeredNames() {
        final List<String> names = new ArrayList<>();
        for (PayloadTypePacketExtension p : payloadTypes) {
            names.add(p.getName() + "/" + p.getClockrate() + " id " + p.getID());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
