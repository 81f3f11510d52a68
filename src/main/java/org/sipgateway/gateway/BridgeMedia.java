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
import org.sipgateway.media.codec.AudioCodec;

/**
 * The conference participant's media, served by a {@link MediaSession}. Dial-in: the SIP leg is negotiated before
 * the focus offers, and the session is made with the offer ({@link #answering}). Keypad IVR: the SIP side runs first
 * ({@link #keypadFirst}) and the offer adds the bridge side. Dial-out: the session exists from the start, because its
 * SIP port goes into our INVITE, and the phone's answer comes later ({@link #ringing}, {@link #phoneAnswered}).
 */
final class BridgeMedia implements JingleMedia {
    private final MediaEngine engine;
    private final SipLegParams sipLeg;
    private final ForwardingListener listener;
    private final boolean ownedByCall;
    private MediaSession session;
    private boolean started;
    private boolean bridged;
    private boolean closed;

    /** Dial-in: the phone's media is known; the session is made when the focus offers. */
    static BridgeMedia answering(MediaEngine engine, SipLegParams sipLeg, MediaListener call) {
        return new BridgeMedia(engine, sipLeg, call, false);
    }

    /**
     * Dial-out: a session whose SIP side waits for the phone's answer; its port goes into the INVITE's offer. The mix
     * runs at {@code offeredFirst}'s rate, the codec the answer most likely picks.
     */
    static BridgeMedia ringing(MediaEngine engine, AudioCodec offeredFirst, MediaListener call) throws IOException {
        final BridgeMedia media = new BridgeMedia(engine, null, call, false);
        media.session = engine.createUnansweredSession(offeredFirst, media.listener);
        return media;
    }

    /** Our SIP-side RTP port (dial-out: for the INVITE's SDP offer). */
    synchronized int sipPort() {
        return session.sipLocalPort();
    }

    /** Dial-out: the phone's SDP answer (183 or 200, or a later re-INVITE) sets the SIP side's codec and address. */
    synchronized void phoneAnswered(SipLegParams phone) {
        if (session != null && !closed) {
            session.renegotiateSip(phone);
        }
    }

    private BridgeMedia(MediaEngine engine, SipLegParams sipLeg, MediaListener listener, boolean ownedByCall) {
        this.engine = engine;
        this.sipLeg = sipLeg;
        this.listener = new ForwardingListener(listener);
        this.ownedByCall = ownedByCall;
    }

    /**
     * Keypad IVR: the phone's side runs at once (prompts out, digits in). A participant that ends without an offer
     * (the room wants its password) does not close it: only the call does, with {@link #release()}.
     */
    static BridgeMedia keypadFirst(MediaEngine engine, SipLegParams sipLeg, MediaListener call) throws IOException {
        final BridgeMedia media = new BridgeMedia(engine, sipLeg, call, true);
        media.session = engine.createSession(sipLeg, media.listener);
        try {
            media.session.start();
            media.started = true;
        } catch (RuntimeException e) {
            media.release();
            throw e;
        }
        return media;
    }

    @Override
    public synchronized JingleTransport accept(MediaOffer offer, Events events) throws MediaUnavailableException {
        if (closed) {
            throw new MediaUnavailableException("the call has ended");
        }
        if (bridged) {
            throw new MediaUnavailableException("this participant already has a media session");
        }
        if (!"sha-256".equalsIgnoreCase(offer.bridge().fingerprint().hash())) {
            throw new MediaUnavailableException("DTLS fingerprint hash " + offer.bridge().fingerprint().hash()
                    + " is not supported (sha-256 is)");
        }
        listener.jingle = events;
        try {
            if (session == null) {
                session = engine.createSession(sipLeg, MediaMapping.bridgeLeg(offer.audio(), offer.bridge()), listener);
            } else {
                session.connectBridge(MediaMapping.bridgeLeg(offer.audio(), offer.bridge())); // running: ICE starts now
                if (!started) {
                    session.start(); // dial-out: ICE and DTLS run while the phone rings
                    started = true;
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new MediaUnavailableException("no media for the offer: " + e.getMessage(), e);
        }
        bridged = true;
        offer.sources().forEach(s -> session.addSpeaker((int) s.ssrc()));
        return MediaMapping.jingle(session.localBridgeDescription());
    }

    /** The media session once the offer is accepted (keypad IVR and dial-out: from the start), else null. */
    synchronized MediaSession session() {
        return session;
    }

    @Override
    public synchronized void sourcesAdded(List<RemoteSource> sources) {
        if (bridged) {
            sources.forEach(s -> session.addSpeaker((int) s.ssrc()));
        }
    }

    @Override
    public synchronized void sourcesRemoved(List<RemoteSource> sources) {
        if (bridged) {
            sources.forEach(s -> session.removeSpeaker((int) s.ssrc()));
        }
    }

    @Override
    public synchronized JingleTransport replaceTransport(JingleTransport bridge) throws MediaUnavailableException {
        if (!bridged) {
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

    /** The participant is done with the media; a keypad IVR call keeps it until {@link #release()}. */
    @Override
    public synchronized void close() {
        if (!ownedByCall) {
            release();
        }
    }

    /** The call ends: frees the session. */
    synchronized void release() {
        closed = true;
        if (session != null) {
            session.close();
        }
    }

    /** Media events go to the call (timeouts, DTMF) and to the Jingle session (connected, failed) once there is one. */
    private static final class ForwardingListener implements MediaListener {
        private final MediaListener call;
        private volatile Events jingle;

        ForwardingListener(MediaListener call) {
            this.call = call;
        }

        @Override
        public void onBridgeConnected() {
            final Events j = jingle;
            if (j != null) {
                j.connected();
            }
            call.onBridgeConnected();
        }

        @Override
        public void onTransportFailed(String reason) {
            final Events j = jingle;
            if (j != null) {
                j.failed(reason);
            }
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
