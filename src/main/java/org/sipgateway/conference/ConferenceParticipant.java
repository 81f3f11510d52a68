package org.sipgateway.conference;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.sipgateway.conference.ConferenceListener.EndReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phone caller in a Jitsi Meet conference: its own XMPP connection, its room occupancy with Jigasi-compatible
 * presence, and its Jingle session with the focus, whose media goes to the {@link JingleMedia} it was given.
 * Everything runs on one serial executor per participant; {@link #close()} leaves no connection or thread behind.
 */
public final class ConferenceParticipant implements AutoCloseable {
    public static final String THREAD_PREFIX = "sipgw-conference-";
    private static final Logger LOG = LoggerFactory.getLogger(ConferenceParticipant.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final XmppServerConfig server;
    private final ParticipantSpec spec;
    private final JingleMedia media;
    private final ConferenceListener listener;
    private final ExecutorService executor;
    private final PresenceContent presence;
    private final JingleSession jingle;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long localSsrc = RANDOM.nextInt() & 0xFFFFFFFFL;
    private volatile Thread executorThread;
    private volatile XMPPTCPConnection connection;
    private volatile RoomMembership room;
    private volatile boolean hangupRequested;
    private volatile boolean joinDone;

    public ConferenceParticipant(XmppServerConfig server, ParticipantSpec spec, JingleMedia media, ConferenceListener listener) {
        FocusRequests.registerProviders();
        this.server = server;
        this.spec = spec;
        this.media = media;
        this.listener = listener;
        final String name = THREAD_PREFIX + spec.endpointId() + "-" + IDS.incrementAndGet();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, name);
            t.setDaemon(true);
            executorThread = t;
            return t;
        });
        this.presence = new PresenceContent(spec);
        this.jingle = new JingleSession(media, new MediaEventsToExecutor(), new SessionEvents(), spec.opusRed(),
                localSsrc, presence.audioSourceName(), this::isFocus);
    }

    /**
     * Connects, logs in and joins the room (waiting in its lobby when it has one). Completes with our occupant JID,
     * or exceptionally with a {@link ConferenceFailure} naming the reason; {@link ConferenceListener#ended} hears it too.
     */
    public CompletableFuture<String> join() {
        final CompletableFuture<String> joined = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                joined.complete(connectAndJoin());
            } catch (ConferenceFailure f) {
                final ConferenceFailure reported = hangupRequested
                        ? new ConferenceFailure(EndReason.HANGUP, "hung up before the join completed (" + f.getMessage() + ")", f)
                        : f;
                LOG.info("Participant {} did not join {}: {}", spec.endpointId(), spec.room(), reported.getMessage());
                joined.completeExceptionally(reported);
                end(reported.reason(), reported.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                joined.completeExceptionally(new ConferenceFailure(EndReason.HANGUP, "join abandoned"));
            } catch (RuntimeException e) {
                LOG.warn("Participant {} failed while joining {}", spec.endpointId(), spec.room(), e);
                joined.completeExceptionally(new ConferenceFailure(EndReason.CONNECTION_FAILED, e.toString(), e));
                end(EndReason.CONNECTION_FAILED, e.toString());
            }
        });
        return joined;
    }

    private String connectAndJoin() throws ConferenceFailure, InterruptedException {
        final EntityBareJid roomJid;
        final Resourcepart nick;
        try {
            roomJid = JidCreate.entityBareFrom(spec.roomJid(server.mucService()));
            nick = Resourcepart.from(spec.endpointId());
        } catch (XmppStringprepException e) {
            throw new ConferenceFailure(EndReason.JOIN_REFUSED, "'" + spec.room() + "' is not a valid room name");
        }
        final XMPPTCPConnection c = XmppLogin.connect(server, "sipgw-" + spec.endpointId(), created -> connection = created);
        if (ended.get() || hangupRequested) {
            XmppLogin.close(c);
            throw new ConferenceFailure(EndReason.HANGUP, "hung up while connecting");
        }
        GatewayFeatures.advertise(c, spec.opusRed());
        FocusRequests.install(c, executor, iq -> jingle.handle(iq, c.getUser()),
                iq -> ModeratorMute.handle(iq, roleOf(iq.getFrom()), room, presence, media, listener),
                iq -> RayoHangup.answer(iq, room, listener),
                text -> post(() -> end(EndReason.SESSION_TERMINATED, text)));
        c.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                post(() -> end(EndReason.CONNECTION_LOST, XmppLogin.lostBecause(e)));
            }

            @Override
            public void connectionClosed() {
                // after our own close() this is a no-op: end() runs once
                post(() -> end(EndReason.CONNECTION_LOST, "the XMPP server closed the connection"));
            }
        });
        final RoomMembership membership = new RoomMembership(c, roomJid, nick, presence);
        if (spec.existingRoomOnly()) {
            membership.requireExisting();
        }
        room = membership;
        OwnExit.watch(c, membership.occupantJid(), this::putOut); // ends with the connection, which is this call's
        membership.join(spec.roomPassword(), server.lobbyTimeout(), listener::lobby);
        if (hangupRequested) {
            throw new ConferenceFailure(EndReason.HANGUP, "hung up while joining");
        }
        watchRoom(membership.muc());
        joinDone = true; // from here close() leaves the room politely instead of cutting the connection
        final String occupant = membership.occupantJid().toString();
        listener.joined(occupant);
        listener.participantCountChanged(membership.othersCount());
        return occupant;
    }

    private void watchRoom(MultiUserChat muc) {
        muc.addParticipantListener(p -> post(() -> {
            final RoomMembership r = room;
            if (r != null && !ended.get()) {
                listener.participantCountChanged(r.othersCount());
            }
        }));
    }

    private void putOut(OwnExit exit) {
        post(() -> {
            switch (exit.kind()) {
                case KICKED -> end(EndReason.KICKED, "kicked from the conference" + exit.reasonSuffix());
                case BANNED -> end(EndReason.KICKED, "banned from the conference" + exit.reasonSuffix());
                case DESTROYED -> end(EndReason.ROOM_DESTROYED, "the conference room was destroyed" + exit.reasonSuffix());
            }
        });
    }

    /** Whether the sender is the conference focus (a real JID of {@code sipgateway.xmpp.focus-jids}), not any moderator. */
    private boolean isFocus(org.jxmpp.jid.Jid sender) {
        final RoomMembership r = room;
        return r != null && sender != null && r.sentByFocus(sender, server::isFocus);
    }

    /** A request sender's role in our room: the focus and moderators are MODERATOR, outsiders ABSENT. */
    private OccupantRole roleOf(org.jxmpp.jid.Jid sender) {
        final RoomMembership r = room;
        return r == null || sender == null ? OccupantRole.ABSENT : r.roleOfSender(sender);
    }

    /** Updates our {@code <status>} in the room ({@link CallStatus}, or a failure text). */
    public void setStatus(String status) {
        post(() -> {
            presence.status(status);
            final RoomMembership r = room;
            if (r != null) {
                r.sendPresence();
            }
        });
    }

    public String endpointId() {
        return spec.endpointId();
    }

    /** The SSRC announced in our session-accept for the caller's voice. */
    public long localSsrc() {
        return localSsrc;
    }

    /**
     * The room role of whoever is in the room with this real JID (e.g. who asked for a dial-out), HIDDEN when the
     * room does not show real JIDs to us, ABSENT before we joined or when nobody with that JID is there.
     */
    public OccupantRole roleOf(String realJid) {
        final RoomMembership r = room;
        if (r == null || !joinDone) {
            return OccupantRole.ABSENT;
        }
        try {
            return r.roleOfRealJid(JidCreate.bareFrom(realJid));
        } catch (XmppStringprepException e) {
            return OccupantRole.ABSENT;
        }
    }

    public boolean isMuted() {
        return presence.muted();
    }

    /** Hangup: ends the Jingle session, leaves the room, closes the connection and the executor. Idempotent. */
    @Override
    public void close() {
        if (ended.get()) {
            awaitExecutor();
            return;
        }
        hangupRequested = true;
        final XMPPTCPConnection c = connection;
        if (c != null && !joinDone) {
            XmppLogin.close(c); // still connecting, joining or waiting in the lobby: abort it
        }
        post(() -> end(EndReason.HANGUP, "hangup"));
        awaitExecutor();
    }

    /** Ends once: tells the focus, leaves, disconnects, reports, stops the executor. Runs on the executor. */
    private void end(EndReason reason, String text) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        final XMPPTCPConnection c = connection;
        if (jingle.active()) {
            try {
                if (c != null && c.isConnected() && reason != EndReason.SESSION_TERMINATED) {
                    c.sendStanza(jingle.terminateFromUs(text));
                } else {
                    jingle.terminateFromUs(text);
                }
            } catch (Exception e) {
                LOG.debug("session-terminate not sent: {}", e.toString());
            }
        } else if (jingle.sid() == null) {
            media.close(); // never offered; a terminated session has closed it already
        }
        final RoomMembership r = room;
        if (r != null && reason != EndReason.KICKED && reason != EndReason.ROOM_DESTROYED) {
            r.leave(reason == EndReason.HANGUP ? CallStatus.DISCONNECTED : text);
        }
        if (c != null) {
            FocusRequests.uninstall(c);
            XmppLogin.close(c);
        }
        LOG.info("Participant {} ended ({}): {}", spec.endpointId(), reason, text);
        try {
            listener.ended(reason, text);
        } finally {
            executor.shutdown();
        }
    }

    private void post(ThrowingTask task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.warn("Participant {}: task failed", spec.endpointId(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Participant {} already ended; event dropped", spec.endpointId());
        }
    }

    private void awaitExecutor() {
        if (Thread.currentThread() == executorThread) {
            return;
        }
        try {
            if (!executor.awaitTermination(server.timeout().toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                LOG.warn("Participant {} did not finish within the timeout; forcing it", spec.endpointId());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface ThrowingTask {
        void run() throws InterruptedException;
    }

    /** Media events arrive on media threads; they are handled on the executor like everything else. */
    private final class MediaEventsToExecutor implements JingleMedia.Events {
        @Override
        public void connected() {
            post(listener::mediaConnected);
        }

        @Override
        public void failed(String reason) {
            post(() -> end(EndReason.MEDIA_FAILED, "media toward the bridge failed: " + reason));
        }
    }

    private final class SessionEvents implements JingleSession.Events {
        @Override
        public void accepted(MediaOffer offer) {
            listener.offerAccepted(offer);
        }

        @Override
        public void terminated(String reason) {
            post(() -> end(EndReason.SESSION_TERMINATED, "the focus ended the session: " + reason));
        }

        @Override
        public void dtmf(char digit, int durationMillis) {
            listener.dtmf(digit, durationMillis);
        }
    }
}
