package org.sipgateway.conference;

import java.util.List;
import org.jitsi.xmpp.extensions.jingle.ContentPacketExtension;
import org.jitsi.xmpp.extensions.jingle.IceUdpTransportPacketExtension;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jitsi.xmpp.extensions.jingle.ReasonPacketExtension;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of the one Jingle session with the focus (XEP-0166/0167/0176 with Jitsi's source-add/-remove).
 * Not thread-safe: the participant feeds it requests on its serial executor.
 */
final class JingleSession {
    /** What the session reports; the participant turns these into {@link ConferenceListener} events. */
    interface Events {
        void accepted(MediaOffer offer);

        void terminated(String reason);

        void dtmf(char digit, int durationMillis);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JingleSession.class);
    private final JingleMedia media;
    private final JingleMedia.Events mediaEvents;
    private final Events events;
    private final boolean wantRed;
    private final long localSsrc;
    private final String sourceName;
    private final String streamId;
    private final java.util.function.Predicate<Jid> mayOffer;
    private String sid;
    private String contentName;
    private Jid focus;
    private boolean ended;
    private AudioNegotiation negotiated;
    private final List<RemoteSource> sources = new java.util.ArrayList<>();

    /**
     * @param mayOffer whether a sender may start (or re-start) the session: the conference's focus, never any other
     *                 occupant, moderator or outsider, who could otherwise point the caller's audio at a transport of
     *                 their own
     */
    JingleSession(JingleMedia media, JingleMedia.Events mediaEvents, Events events, boolean wantRed, long localSsrc,
            String sourceName, java.util.function.Predicate<Jid> mayOffer) {
        this.media = media;
        this.mayOffer = mayOffer;
        this.mediaEvents = mediaEvents;
        this.events = events;
        this.wantRed = wantRed;
        this.localSsrc = localSsrc;
        this.sourceName = sourceName;
        this.streamId = sourceName + "-stream " + sourceName + "-track"; // msid: stream id and track id (RFC 8830 section 2)
    }

    boolean active() {
        return sid != null && !ended;
    }

    String sid() {
        return sid;
    }

    Jid focus() {
        return focus;
    }

    JingleReply handle(JingleIQ iq, Jid ourJid) {
        try {
            return dispatch(iq, ourJid);
        } catch (IllegalArgumentException e) { // an unreadable value in the request (an SSRC that is no number)
            LOG.warn("Malformed Jingle {} from {}: {}", iq.getAction(), iq.getFrom(), e.toString());
            return JingleReply.error(iq, Condition.bad_request, "malformed Jingle " + iq.getAction() + ": "
                    + MalformedStanzas.printable(e.getMessage()));
        }
    }

    private JingleReply dispatch(JingleIQ iq, Jid ourJid) {
        if (iq.getAction() == null) {
            return JingleReply.error(iq, Condition.bad_request, "Jingle request without a known action");
        }
        if (iq.getAction() == org.jitsi.xmpp.extensions.jingle.JingleAction.SESSION_INITIATE) {
            return initiate(iq, ourJid);
        }
        // requests of a session come from the focus that started it; to anyone else it does not exist (XEP-0166 7.2)
        if (sid == null || ended || !sid.equals(iq.getSID()) || !focus.equals(iq.getFrom())) {
            LOG.info("Jingle {} for unknown session {} from {} (ours: {} with {})", iq.getAction(), iq.getSID(),
                    iq.getFrom(), sid, focus);
            return JingleReply.jingleError(iq, Condition.item_not_found, "unknown-session",
                    "no Jingle session '" + iq.getSID() + "' here");
        }
        switch (iq.getAction()) {
            case SOURCEADD:
            case ADDSOURCE:
                final List<RemoteSource> added = sources(iq);
                sources.addAll(added);
                media.sourcesAdded(added);
                return JingleReply.result(iq);
            case SOURCEREMOVE:
            case REMOVESOURCE:
                final List<RemoteSource> removed = sources(iq);
                sources.removeIf(s -> removed.stream().anyMatch(r -> r.ssrc() == s.ssrc()));
                media.sourcesRemoved(removed);
                return JingleReply.result(iq);
            case TRANSPORT_REPLACE:
                return replaceTransport(iq);
            case TRANSPORT_INFO:
                return transportInfo(iq);
            case SESSION_TERMINATE:
                return terminate(iq);
            case SESSION_INFO:
                return sessionInfo(iq);
            default:
                LOG.info("Jingle {} from {} is not supported", iq.getAction(), iq.getFrom());
                return JingleReply.jingleError(iq, Condition.feature_not_implemented, "unsupported-info",
                        "Jingle action " + iq.getAction() + " is not supported by this gateway");
        }
    }

    private JingleReply initiate(JingleIQ iq, Jid ourJid) {
        if (iq.getFrom() == null || !mayOffer.test(iq.getFrom()) || (active() && !focus.equals(iq.getFrom()))) {
            LOG.warn("Refused session-initiate {} from {}: not the conference's focus", iq.getSID(), iq.getFrom());
            return JingleReply.error(iq, Condition.forbidden, "Jingle sessions are accepted from the conference focus"
                    + " only (sipgateway.xmpp.focus-jids), not from " + iq.getFrom());
        }
        if (active() && sid.equals(iq.getSID())) {
            return JingleReply.jingleError(iq, Condition.unexpected_request, "out-of-order",
                    "Jingle session " + sid + " is already running");
        }
        final FocusOffer offer;
        final AudioNegotiation audio;
        try {
            offer = FocusOffer.parse(iq);
            audio = offer.negotiate(wantRed, localSsrc, streamId);
        } catch (OfferRejectedException e) {
            LOG.warn("Rejected session-initiate {} from {}: {}", iq.getSID(), iq.getFrom(), e.getMessage());
            return JingleReply.error(iq, Condition.not_acceptable, e.getMessage());
        }
        if (active()) {
            return reinvite(iq, ourJid, offer, audio);
        }
        final MediaOffer mediaOffer = new MediaOffer(audio, offer.bridge(), offer.sources());
        final JingleTransport local;
        try {
            local = media.accept(mediaOffer, mediaEvents);
        } catch (JingleMedia.MediaUnavailableException e) {
            LOG.warn("Media for session-initiate {} failed: {}", iq.getSID(), e.getMessage());
            return JingleReply.error(iq, Condition.internal_server_error, "media unavailable: " + e.getMessage());
        }
        sid = iq.getSID();
        contentName = offer.contentName();
        focus = iq.getFrom();
        negotiated = audio;
        sources.clear();
        sources.addAll(offer.sources());
        final JingleIQ accept = JingleAnswers.sessionAccept(focus, ourJid, offer, audio, local, sourceName);
        accept.setInitiator(iq.getInitiator());
        events.accepted(mediaOffer);
        LOG.info("Accepting Jingle session {} from {}: opus {} red {} telephone-event {}, {} sources", sid, focus,
                audio.opusPayloadType(), audio.redPayloadType(), audio.telephoneEventPayloadType(), offer.sources().size());
        return JingleReply.resultThen(iq, accept);
    }

    /**
     * A new session-initiate while ours runs: Jicofo re-invites (a new bridge, or a restart) without always ending the
     * old session first. Same payloads: media keeps running on a replaced transport with the new sources.
     */
    private JingleReply reinvite(JingleIQ iq, Jid ourJid, FocusOffer offer, AudioNegotiation audio) {
        if (audio.opusPayloadType() != negotiated.opusPayloadType() || audio.redPayloadType() != negotiated.redPayloadType()
                || audio.telephoneEventPayloadType() != negotiated.telephoneEventPayloadType()) {
            LOG.warn("Re-invite {} changes payload types; refused", iq.getSID());
            return JingleReply.error(iq, Condition.not_acceptable,
                    "a re-invite must keep the payload types of session " + sid);
        }
        final JingleTransport local;
        try {
            local = media.replaceTransport(offer.bridge());
        } catch (JingleMedia.MediaUnavailableException e) {
            return JingleReply.error(iq, Condition.internal_server_error, "media unavailable: " + e.getMessage());
        }
        media.sourcesRemoved(List.copyOf(sources));
        media.sourcesAdded(offer.sources());
        sources.clear();
        sources.addAll(offer.sources());
        LOG.info("Re-invite: Jingle session {} replaces {} (new transport, {} sources)", iq.getSID(), sid, offer.sources().size());
        sid = iq.getSID();
        contentName = offer.contentName();
        focus = iq.getFrom();
        final JingleIQ accept = JingleAnswers.sessionAccept(focus, ourJid, offer, audio, local, sourceName);
        accept.setInitiator(iq.getInitiator());
        return JingleReply.resultThen(iq, accept);
    }

    private JingleReply replaceTransport(JingleIQ iq) {
        try {
            final ContentPacketExtension content = FocusOffer.audioContentOrOnly(iq);
            final JingleTransport bridge = FocusOffer.transportOf(content);
            final JingleTransport local = media.replaceTransport(bridge);
            LOG.info("Jingle session {}: transport replaced (bridge migration)", sid);
            return JingleReply.resultThen(iq, JingleAnswers.transportAccept(focus, sid, contentName, local));
        } catch (OfferRejectedException e) {
            LOG.warn("Rejected transport-replace in {}: {}", sid, e.getMessage());
            return JingleReply.error(iq, Condition.bad_request, e.getMessage());
        } catch (JingleMedia.MediaUnavailableException e) {
            LOG.warn("transport-replace in {} failed in media: {}", sid, e.getMessage());
            return JingleReply.error(iq, Condition.internal_server_error, "media unavailable: " + e.getMessage());
        }
    }

    private JingleReply transportInfo(JingleIQ iq) {
        for (ContentPacketExtension c : iq.getContentList()) {
            final IceUdpTransportPacketExtension t = c.getFirstChildOfType(IceUdpTransportPacketExtension.class);
            if (t != null) {
                media.remoteCandidates(FocusOffer.candidatesOf(t));
            }
        }
        return JingleReply.result(iq);
    }

    private JingleReply terminate(JingleIQ iq) {
        ended = true;
        final ReasonPacketExtension reason = iq.getReason();
        final String text = reason == null ? "no reason given"
                : reason.getReason() + (reason.getText() == null ? "" : ": " + reason.getText());
        LOG.info("Focus {} terminated Jingle session {}: {}", iq.getFrom(), sid, text);
        media.close();
        events.terminated(text);
        return JingleReply.result(iq);
    }

    /** session-info: a ping when empty, DTMF (XEP-0181), or an informational payload we do not know. */
    private JingleReply sessionInfo(JingleIQ iq) {
        final ExtensionElement dtmf = iq.getExtension("dtmf", GatewayFeatures.JINGLE_DTMF);
        if (dtmf instanceof StandardExtensionElement d) {
            final String code = d.getAttributeValue("code");
            if (code == null || code.length() != 1 || "0123456789*#ABCD".indexOf(code.toUpperCase().charAt(0)) < 0) {
                return JingleReply.error(iq, Condition.bad_request, "DTMF code must be one of 0-9 * # A-D, got " + code);
            }
            events.dtmf(code.toUpperCase().charAt(0), parseDuration(d.getAttributeValue("duration")));
            return JingleReply.result(iq);
        }
        return JingleReply.result(iq); // mute/ringing/active informational payloads need no action (XEP-0167 section 7)
    }

    private static int parseDuration(String value) {
        try {
            return value == null ? 100 : Math.max(40, Math.min(5000, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private static List<RemoteSource> sources(JingleIQ iq) {
        final List<RemoteSource> out = new java.util.ArrayList<>();
        for (ContentPacketExtension c : iq.getContentList()) {
            out.addAll(FocusOffer.sourcesOf(c));
        }
        return out;
    }

    /** Hangup from our side: tell the focus (XEP-0166 section 6.7) and free media. */
    JingleIQ terminateFromUs(String reasonText) {
        ended = true;
        media.close();
        final JingleIQ terminate = new JingleIQ(org.jitsi.xmpp.extensions.jingle.JingleAction.SESSION_TERMINATE, sid);
        terminate.setTo(focus);
        terminate.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        terminate.setReason(new ReasonPacketExtension(org.jitsi.xmpp.extensions.jingle.Reason.SUCCESS, reasonText, null));
        return terminate;
    }
}
