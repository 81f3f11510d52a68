package org.sipgateway.testkit.jitsi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.sipgateway.conference.DtlsFingerprint;
import org.sipgateway.conference.JingleCandidate;
import org.sipgateway.conference.JingleMedia;
import org.sipgateway.conference.JingleTransport;
import org.sipgateway.conference.MediaOffer;
import org.sipgateway.conference.RemoteSource;
import org.sipgateway.media.BridgeParams;
import org.sipgateway.media.LocalBridgeDescription;
import org.sipgateway.media.MediaEngine;
import org.sipgateway.media.MediaListener;
import org.sipgateway.media.MediaSession;
import org.sipgateway.media.SipLegParams;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.transport.IceCandidate;
import org.sipgateway.media.transport.IceDescription;

/**
 * {@link JingleMedia} on media's real {@link MediaSession}, with the SIP leg toward a test phone: what gateway/
 * will do for a call, done here so end-to-end tests can run the conference leg with real audio before gateway/
 * exists. PCMU with telephone-event 101 on the SIP side.
 */
public final class SessionBackedMedia implements JingleMedia {
    private final MediaEngine engine;
    private final InetSocketAddress phone;
    private volatile MediaSession session;

    public SessionBackedMedia(MediaEngine engine, InetSocketAddress phone) {
        this.engine = engine;
        this.phone = phone;
    }

    /** The session once the offer was accepted (for the SIP-side address, stats, DTMF). */
    public MediaSession session() {
        return session;
    }

    @Override
    public JingleTransport accept(MediaOffer offer, Events events) throws MediaUnavailableException {
        final var a = offer.audio();
        final BridgeParams params = new BridgeParams(iceOf(offer.bridge()), offer.bridge().fingerprint().value(), false,
                a.opusPayloadType(), a.redPayloadType(), a.telephoneEventPayloadType(), a.audioLevelExtensionId(),
                a.midExtensionId(), a.mid(), (int) a.localSsrc());
        try {
            session = engine.createSession(SipLegParams.of(AudioCodec.PCMU, 101, phone), params, new MediaListener() {
                @Override
                public void onBridgeConnected() {
                    events.connected();
                }

                @Override
                public void onTransportFailed(String reason) {
                    events.failed(reason);
                }
            });
        } catch (IOException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
        for (RemoteSource s : offer.sources()) {
            session.addSpeaker((int) s.ssrc());
        }
        final JingleTransport local = transportOf(session.localBridgeDescription());
        session.start();
        return local;
    }

    static IceDescription iceOf(JingleTransport t) {
        final List<IceCandidate> candidates = new ArrayList<>();
        for (JingleCandidate c : t.candidates()) {
            candidates.add(new IceCandidate(c.foundation(), c.component(), c.protocol(), c.priority(), c.ip(), c.port(),
                    c.type(), c.relatedIp(), c.relatedPort(), c.generation()));
        }
        return new IceDescription(t.ufrag(), t.password(), candidates);
    }

    static JingleTransport transportOf(LocalBridgeDescription d) {
        final List<JingleCandidate> candidates = new ArrayList<>();
        for (IceCandidate c : d.ice().candidates()) {
            candidates.add(new JingleCandidate(c.foundation(), c.component(), c.protocol(), c.priority(), c.ip(), c.port(),
                    c.type(), c.relatedIp(), c.relatedPort(), c.generation()));
        }
        return new JingleTransport(d.ice().ufrag(), d.ice().password(), candidates,
                new DtlsFingerprint(d.fingerprintHash(), d.fingerprint(), d.setup()));
    }

    @Override
    public void sourcesAdded(List<RemoteSource> sources) {
        sources.forEach(s -> session.addSpeaker((int) s.ssrc()));
    }

    @Override
    public void sourcesRemoved(List<RemoteSource> sources) {
        sources.forEach(s -> session.removeSpeaker((int) s.ssrc()));
    }

    @Override
    public JingleTransport replaceTransport(JingleTransport bridge) throws MediaUnavailableException {
        try {
            return transportOf(session.replaceBridgeTransport(iceOf(bridge), bridge.fingerprint().value()));
        } catch (IOException | UncheckedIOException e) {
            throw new MediaUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public void remoteCandidates(List<JingleCandidate> candidates) {
        // media takes the candidates of the offer only (no trickle ICE); Jitsi's bridge lists all of them up front
    }

    @Override
    public void setMuted(boolean muted) {
        session.setMuted(muted);
    }

    @Override
    public void close() {
        final MediaSession s = session;
        if (s != null) {
            s.close();
        }
    }
}
