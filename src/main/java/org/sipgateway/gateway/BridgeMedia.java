package org.sipgateway.gateway;

import java.io.IOException;
import java.util.List;
import org.sipgateway.conference.JingleCandidate;
import org.sipgateway.conference.JingleMedia;
import org.sipgateway.conference.JingleTransport;
import org.sipgateway.conference.MediaOffer;
import org.sipgateway.conference.RemoteSource;
import org.sipgateway.media.MediaEngine;
import org.sipgateway.media.MediaListener;
import org.sipgateway.media.MediaSession;
import org.sipgateway.media.SipLegParams;

/**
 * The conference participant's media, served by a {@link MediaSession}: created when the focus's
 * offer arrives (the SIP leg is already negotiated by then), closed with the call.
 */
final class BridgeMedia implements JingleMedia {
    private final MediaEngine engine;
    private final SipLegParams sipLeg;
    private final MediaListener listener;
    private MediaSession session;
    private boolean closed;

    BridgeMedia(MediaEngine engine, SipLegParams sipLeg, MediaListener listener) {
        this.engine = engine;
        this.sipLeg = sipLeg;
        this.listener = listener;
    }

    @Override
    public synchronized JingleTransport accept(MediaOffer offer, Events events) throws MediaUnavailableException {
        if (closed) {
            throw new MediaUnavailableException("the call has ended");
        }
        if (session != null) {
            throw new MediaUnavailableException("this participant already has a media session");
        }
        if (!"sha-256".equalsIgnoreCase(offer.bridge().fingerprint().hash())) {
            throw new MediaUnavailableException("DTLS fingerprint hash " + offer.bridge().fingerprint().hash()
                    + " is not supported (sha-256 is)");
        }
        try {
            session = engine.createSession(sipLeg, MediaMapping.bridgeLeg(offer.audio(), offer.bridge()),
                    new EventsToBoth(listener, events));
        } catch (IOException | IllegalArgumentException e) {
            throw new MediaUnavailableException("no media for the offer: " + e.getMessage(), e);
        }
        offer.sources().forEach(s -> session.addSpeaker((int) s.ssrc()));
        return MediaMapping.jingle(session.localBridgeDescription());
    }

    /** The media session once the offer is accepted, else null. */
    synchronized MediaSession session() {
        return session;
    }

    @Override
    public synchronized void sourcesAdded(List<RemoteSource> sources) {
        if (session != null) {
            sources.forEach(s -> session.addSpeaker((int) s.ssrc()));
        }
    }

    @Override
    public synchronized void sourcesRemoved(List<RemoteSource> sources) {
        if (session != null) {
            sources.forEach(s -> session.removeSpeaker((int) s.ssrc()));
        }
    }

    @Override
    public synchronized JingleTransport replaceTransport(JingleTransport bridge) throws MediaUnavailableException {
        if (session == null) {
            throw new MediaUnavailableException("transport-replace before the session was accepted");
        }
        try {
            return MediaMapping.jingle(session.replaceBridgeTransport(MediaMapping.ice(bridge), bridge.fingerprint().value()));
        } catch (IOException e) {
            throw new MediaUnavailableException("cannot move to the new bridge: " + e.getMessage(), e);
        }
    }

    @Override
    public void remoteCandidates(List<JingleCandidate> candidates) {
        // the bridge lists all its candidates in the offer; trickled ones add nothing on a single host path
    }

    @Override
    public synchronized void setMuted(boolean muted) {
        if (session != null) {
            session.setMuted(muted);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            session.close();
        }
    }

    /** Media events go to the call (timeouts, DTMF) and to the Jingle session (connected, failed). */
    private record EventsToBoth(MediaListener call, Events jingle) implements MediaListener {
        @Override
        public void onBridgeConnected() {
            jingle.connected();
            call.onBridgeConnected();
        }

        @Override
        public void onTransportFailed(String reason) {
            jingle.failed(reason);
            call.onTransportFailed(reason);
        }

        @Override
        public void onRtpTimeout(org.sipgateway.media.MediaSide side) {
            call.onRtpTimeout(side);
        }

        @Override
        public void onDtmfFromSip(char digit, int durationMillis) {
            call.onDtmfFromSip(digit, durationMillis);
        }
    }
}
