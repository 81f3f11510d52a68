package org.sipgateway.media;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sipgateway.media.codec.AudioCodec;
import org.sipgateway.media.codec.CodecFactory;
import org.sipgateway.media.codec.OpusSettings;
import org.sipgateway.media.mix.MixClock;
import org.sipgateway.media.transport.DtlsIdentity;
import org.sipgateway.media.transport.RtpPortPool;
import org.sipgateway.media.transport.SipRtpSocket;
import org.sipgateway.media.transport.SrtpSession;

/**
 * What all calls share: settings, the codec choice, the RTP port pool, the mixing clock and the DTLS certificate.
 * One per plugin; {@link #close()} closes every session still open and stops the clock.
 */
public final class MediaEngine implements AutoCloseable {
    /** Held so the level sticks (JUL keeps loggers weakly): ice4j logs every candidate pair and socket close at INFO. */
    private static final java.util.logging.Logger ICE4J_LOG = java.util.logging.Logger.getLogger("org.ice4j");

    static {
        if (ICE4J_LOG.getLevel() == null) // unless the administrator configured it
            ICE4J_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final MediaConfig config;
    private final CodecFactory codecs;
    private final RtpPortPool ports;
    private final MixClock clock;
    private final DtlsIdentity identity;
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();

    public MediaEngine(MediaConfig config) throws IOException {
        this.config = config;
        this.codecs = new CodecFactory(config.opusImplementation(), OpusSettings.SPEECH);
        this.ports = new RtpPortPool(InetAddress.getByName(config.rtpBindAddress()), config.rtpPortMin(), config.rtpPortMax());
        this.identity = DtlsIdentity.generate("sipgateway");
        SrtpSession.warmUp(); // jitsi-srtp benchmarks AES providers on first use: not on a call's 20 ms tick
        this.clock = new MixClock(config.mixerThreads());
    }

    /**
     * A session for one call with both sides: allocates the SIP RTP port pair and gathers ICE candidates now (so the
     * answers can be built), starts nothing until {@link MediaSession#start()}.
     *
     * @throws IOException when no RTP port is free or ICE cannot bind
     */
    public MediaSession createSession(SipLegParams sipParams, BridgeParams bridgeParams, MediaListener listener) throws IOException {
        MediaSession session = createSession(sipParams, listener);
        try {
            session.connectBridge(bridgeParams);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** A session with the SIP side only (prompts and DTMF before the conference); add the bridge with connectBridge. */
    public MediaSession createSession(SipLegParams sipParams, MediaListener listener) throws IOException {
        MediaSession session = createUnansweredSession(sipParams.codec(), listener);
        try {
            session.renegotiateSip(sipParams);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * A session whose SIP side is not answered yet (we send the SDP offer: dial-out): the RTP port pair is allocated
     * now, for the offer; the bridge side can be connected and started at once. Nothing is sent to SIP and the SIP RTP
     * timeout does not run until {@link MediaSession#renegotiateSip} brings the answer; prompts and digits queued
     * before then wait. The mix runs at {@code preferredCodec}'s rate for the whole call: pass the first codec of the
     * offer, the one the answer most likely picks (RFC 3264 section 6.1), so the usual call needs no resampling.
     *
     * @throws IOException when no RTP port is free
     */
    public MediaSession createUnansweredSession(AudioCodec preferredCodec, MediaListener listener) throws IOException {
        SipRtpSocket socket = ports.allocate();
        try {
            int mixRate = preferredCodec.pcmRate();
            MediaSession session = new MediaSession(this, new SipLeg(socket, mixRate, codecs, config, listener), mixRate, listener);
            sessions.add(session);
            return session;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public MediaConfig config() { return config; }

    public CodecFactory codecs() { return codecs; }

    public RtpPortPool ports() { return ports; }

    MixClock clock() { return clock; }

    DtlsIdentity identity() { return identity; }

    /** The sha-256 fingerprint of our DTLS certificate. */
    public String fingerprint() { return identity.fingerprint(); }

    public int activeSessions() { return sessions.size(); }

    void forget(MediaSession session) { sessions.remove(session); }

    @Override
    public void close() {
        for (MediaSession s : new ArrayList<>(sessions))
            s.close();
        clock.close();
    }
}
