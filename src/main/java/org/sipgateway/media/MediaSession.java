package org.sipgateway.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sipgateway.media.mix.AudioMixer;
import org.sipgateway.media.mix.MixClock;
import org.sipgateway.media.mix.PromptPlayer;
import org.sipgateway.media.transport.IceDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one call, between one SIP leg and one conference participant. Created by
 * {@link MediaEngine#createSession} from negotiated parameters (it parses neither SDP nor Jingle), or by
 * {@link MediaEngine#createUnansweredSession} before the SIP answer (then {@link #renegotiateSip} makes the SIP side
 * live), then {@link #start() started}; every 20 ms the shared clock mixes the conference speakers for the SIP side
 * and sends the SIP caller up to the bridge. The mix rate is fixed for the session's life; a SIP codec at another
 * rate is resampled. {@link #close()} frees every socket, port, thread and native codec.
 */
public final class MediaSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final int FIRST_REPORT_TICK = 50;
    private static final int REPORT_INTERVAL_TICKS = 250; // 5 s, the RFC 3550 section 6.2 minimum
    private static final long TICK_LOCK_WAIT_MILLIS = 5;
    private final MediaEngine engine;
    private final MediaListener listener;
    private final SipLeg sip;
    private final int mixRate;
    private volatile BridgeLeg bridge; // null until the conference's offer arrives (IVR before joining)
    private final PromptPlayer prompts;
    private final AudioMixer mixer;
    private final short[] scratch;
    private final short[] mixFrame;
    private final short[] promptFrame;
    private final short[] callerFrame;
    private final long timeoutNanos;
    private final ReentrantLock tickLock = new ReentrantLock();
    private volatile MixClock.Registration schedule;
    private volatile boolean hold;
    private volatile boolean muted;
    private volatile boolean closed;
    private long ticks;
    private long tickFailures;
    private boolean sipTimedOut;
    private boolean bridgeTimedOut;

    MediaSession(MediaEngine engine, SipLeg sip, int mixRate, MediaListener listener) {
        this.engine = engine;
        this.sip = sip;
        this.mixRate = mixRate;
        this.listener = listener;
        int frame = mixRate * MixClock.TICK_MILLIS / 1000;
        this.prompts = new PromptPlayer(mixRate);
        this.mixer = new AudioMixer(frame);
        this.scratch = new short[frame];
        this.mixFrame = new short[frame];
        this.promptFrame = new short[frame];
        this.callerFrame = new short[frame];
        this.timeoutNanos = engine.config().rtpTimeout().toNanos();
    }

    /** ICE credentials, candidates and DTLS fingerprint for the Jingle answer. */
    public LocalBridgeDescription localBridgeDescription() { return requireBridge().localDescription(); }

    /**
     * Adds the conference side from the Jingle offer (when the session was created with the SIP side only, e.g. to
     * run an IVR first); ICE starts at once if the session is already started. Returns the answer's description.
     */
    public synchronized LocalBridgeDescription connectBridge(BridgeParams params) throws IOException {
        if (closed)
            throw new IllegalStateException("media session closed");
        if (bridge != null)
            throw new IllegalStateException("bridge side already connected; use replaceBridgeTransport for a new transport");
        BridgeLeg leg = new BridgeLeg(params, engine.config(), engine.codecs(), engine.identity(), mixRate, listener);
        bridge = leg;
        if (schedule != null)
            leg.start();
        return leg.localDescription();
    }

    private BridgeLeg requireBridge() {
        BridgeLeg b = bridge;
        if (b == null)
            throw new IllegalStateException("no bridge side yet: call connectBridge with the conference's offer first");
        return b;
    }

    /** The UDP port of our SIP-side RTP (for the SDP answer/offer). */
    public int sipLocalPort() { return sip.localPort(); }

    public InetSocketAddress sipLocalAddress() throws IOException { return sip.localAddress(); }

    /** Sets or changes where SIP-side RTP goes (late offer, re-INVITE). */
    public void setSipRemote(InetSocketAddress remote) { sip.setRemote(remote); }

    /**
     * Puts newly negotiated SIP media in force: the SDP answer to our offer, which makes an unanswered session live
     * (queued prompts and digits start, the SIP RTP timeout starts counting), or a re-INVITE changing codec, payload
     * types, ptime or address (RFC 3264 section 8.3.2). Same UDP socket and port; the bridge side is not touched. A new
     * codec, payload type or ptime starts a fresh jitter buffer and decoder and frees the old codecs; a remote of null
     * keeps the address in use. Safe while the 20 ms tick runs.
     *
     * @throws IllegalStateException when the session is closed
     */
    public synchronized void renegotiateSip(SipLegParams negotiated) {
        if (closed)
            throw new IllegalStateException("media session closed");
        SipStream next = sip.prepare(negotiated); // codecs are created before the tick is held off
        SipStream replaced;
        tickLock.lock();
        try {
            boolean answering = !sip.isAnswered();
            replaced = sip.apply(negotiated, next);
            if (answering) {
                sip.markStarted(System.nanoTime());
                sipTimedOut = false;
            }
        } finally {
            tickLock.unlock();
        }
        if (replaced != null)
            replaced.close();
    }

    /** False from {@link MediaEngine#createUnansweredSession} until {@link #renegotiateSip}: nothing goes to SIP. */
    public boolean isSipAnswered() { return sip.isAnswered(); }

    /** The SIP parameters in force, or null before the answer. */
    public SipLegParams sipParams() { return sip.params(); }

    /** Starts the 20 ms mixing, and ICE toward the bridge if the bridge side is known. */
    public synchronized void start() {
        if (closed || schedule != null)
            throw new IllegalStateException(closed ? "media session closed" : "media session already started");
        sip.markStarted(System.nanoTime());
        if (bridge != null)
            bridge.start();
        schedule = engine.clock().schedule(this::tick);
    }

    public void addSpeaker(int ssrc) { requireBridge().addSpeaker(ssrc); }

    public void removeSpeaker(int ssrc) { requireBridge().removeSpeaker(ssrc); }

    /** Bridge migration (Jingle transport-replace): returns our new transport description for the answer. */
    public LocalBridgeDescription replaceBridgeTransport(IceDescription remoteIce, String remoteFingerprint) throws IOException {
        return requireBridge().replaceTransport(remoteIce, remoteFingerprint);
    }

    /** SIP hold: nothing goes up to the conference or down to the phone, and the SIP RTP timeout pauses. */
    public void setHold(boolean onHold) {
        this.hold = onHold;
        if (!onHold)
            sip.markStarted(System.nanoTime());
    }

    /** Conference mute (moderator): the caller's voice stops going up. */
    public void setMuted(boolean mute) { this.muted = mute; }

    public boolean isMuted() { return muted; }

    /** Sends an RFC 4733 digit to the SIP peer (e.g. from a Jingle DTMF request); before the answer it waits. */
    public void sendDtmfToSip(char digit, int durationMillis) { sip.queueDtmf(digit, durationMillis); }

    /** Plays PCM (an IVR prompt) to the SIP side, mixed over the conference, after what is queued; held until answered. */
    public void playToSip(short[] pcm, int sampleRate) { prompts.enqueue(pcm, sampleRate); }

    public boolean isPlayingToSip() { return prompts.isPlaying(); }

    /** Stops the prompt now and drops the queue (barge-in: the caller started typing). */
    public void stopPlayingToSip() { prompts.clear(); }

    public boolean isBridgeConnected() {
        BridgeLeg b = bridge;
        return b != null && b.isConnected();
    }

    public MediaStats stats() {
        BridgeLeg b = bridge;
        return new MediaStats(sip.stats(), b == null ? new StreamStats(0, 0, 0, 0, 0, -1, -1) : b.stats(), b == null ? 0 : b.speakerCount());
    }

    private void tick() {
        try {
            if (!tickLock.tryLock(TICK_LOCK_WAIT_MILLIS, TimeUnit.MILLISECONDS))
                return; // close() is running (a renegotiation holds the lock for microseconds)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            if (closed)
                return;
            long now = System.nanoTime();
            BridgeLeg bridge = this.bridge;
            boolean answered = sip.isAnswered();
            try {
                sip.drain(now);
            } catch (IOException | RuntimeException e) {
                tickFailed("receiving SIP RTP", e);
            }
            try {
                mixer.clear();
                if (bridge != null)
                    bridge.mixSpeakers(mixer, scratch, now);
                if (answered && prompts.nextFrame(promptFrame))
                    mixer.add(promptFrame); // held until someone answers
                mixer.mixInto(mixFrame);
                if (!hold)
                    sip.sendFrame(mixFrame);
            } catch (IOException | RuntimeException e) {
                tickFailed("sending to SIP", e); // each direction on its own: one failing leaves the other running
            }
            try {
                if (sip.readCallerFrame(callerFrame, now) && !hold && !muted && bridge != null && bridge.isConnected())
                    bridge.sendUp(callerFrame);
            } catch (RuntimeException e) {
                tickFailed("sending to the bridge", e);
            }
            checkTimeouts(now, bridge, answered);
            if (++ticks % REPORT_INTERVAL_TICKS == FIRST_REPORT_TICK)
                sendReports(bridge);
        } finally {
            tickLock.unlock();
        }
    }

    private void sendReports(BridgeLeg bridge) {
        try {
            if (!hold)
                sip.sendReport();
            if (bridge != null && bridge.isConnected())
                bridge.sendReport();
        } catch (IOException | RuntimeException e) {
            tickFailed("sending RTCP", e);
        }
    }

    /** Logs the first failure and then one in 500 (10 s of ticks), so a persistent fault cannot flood the log. */
    private void tickFailed(String what, Exception e) {
        if (tickFailures++ % 500 == 0)
            LOG.warn("media {} failed ({} failures so far): {}", what, tickFailures, e.toString());
    }

    private void checkTimeouts(long now, BridgeLeg bridge, boolean sipAnswered) {
        if (sipAnswered && !sipTimedOut && !hold && now - sip.lastReceivedNanos() > timeoutNanos) {
            sipTimedOut = true;
            listener.onRtpTimeout(MediaSide.SIP);
        }
        if (!bridgeTimedOut && bridge != null && bridge.connectedNanos() != 0 && now - bridge.lastReceivedNanos() > timeoutNanos) {
            bridgeTimedOut = true;
            listener.onRtpTimeout(MediaSide.BRIDGE);
        }
    }

    /** Stops the clock, then frees sockets, the RTP port, ICE/DTLS threads and codecs. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed)
                return;
            closed = true;
        }
        MixClock.Registration s = schedule;
        if (s != null)
            s.cancel();
        try {
            if (!tickLock.tryLock(1, TimeUnit.SECONDS))
                LOG.warn("closing a media session whose tick did not finish within 1 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            BridgeLeg b = bridge;
            if (b != null)
                b.close();
            sip.close();
        } finally {
            if (tickLock.isHeldByCurrentThread())
                tickLock.unlock();
            engine.forget(this);
        }
    }
}
