package org.sipgateway.conference;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jitsi.xmpp.extensions.jitsimeet.FeatureExtension;
import org.jitsi.xmpp.extensions.jitsimeet.FeaturesExtension;
import org.jitsi.xmpp.extensions.rayo.DialIq;
import org.jitsi.xmpp.extensions.rayo.RefIq;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jivesoftware.smackx.muc.UserStatusListener;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our seat in the Jigasi brewery MUC that Jicofo reads ({@code jicofo.jigasi.brewery-jid}): a connection of its own,
 * a presence with the jigasi feature and the colibri load report Jicofo picks gateways by, and the Rayo dials Jicofo
 * forwards to us. While open it keeps trying: a lost connection or room is rejoined with growing pauses (1 s to 60 s).
 * Everything runs on one thread, named {@code sipgw-brewery-*}.
 */
public final class BreweryRoom implements AutoCloseable {
    public static final String COLIBRI_NS = "http://jitsi.org/protocol/colibri";
    private static final Logger LOG = LoggerFactory.getLogger(BreweryRoom.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(60);

    /**
     * A Rayo dial the focus forwarded. {@code from} is the sender as delivered (the focus's occupant JID in the brewery
     * room); {@code occupant} tells whether that is an occupant of the brewery room, and {@code realJid} is the sender's
     * real JID: the occupant's as the room shows it (null when the room hides it), else {@code from} itself.
     */
    public record ForwardedDial(String from, boolean occupant, String realJid, String to, String source, String room,
            String roomPassword) {
    }

    /** Our answer: a ref URI, or an error condition (Smack's constant name, e.g. {@code forbidden}) and text. */
    public record Answer(String refUri, String condition, String text) {
    }

    /** Where we are: JOINED, or CONNECTING/FAILING with the reason and the next attempt. */
    public record Status(State state, String detail, Instant nextAttempt) {
    }

    public enum State { CONNECTING, JOINED, FAILING, CLOSED }

    private final XmppServerConfig server;
    private final String roomName;
    private final Resourcepart nick;
    private final Supplier<Map<String, String>> stats;
    private final Duration refresh;
    private final BiConsumer<ForwardedDial, Consumer<Answer>> dials;
    private final ScheduledExecutorService executor;
    private volatile Status status = new Status(State.CONNECTING, "starting", null);
    private volatile boolean closed;
    private XMPPTCPConnection connection;
    private MultiUserChat muc;
    private Duration nextRetry = FIRST_RETRY;
    private Map<String, String> published;
    private ScheduledFuture<?> retry;

    /**
     * @param server   the XMPP server and the brewery login (which may be a full JID on another domain)
     * @param roomJid  the brewery room, e.g. {@code JigasiBrewery@internal.auth.meet.example.com}
     * @param stats    the current load report ({@code <stat name value>} pairs), asked on each refresh
     * @param refresh  the report is sent again after this long even without a change
     * @param dials    gets each forwarded dial and answers it, once, from any thread
     */
    public BreweryRoom(XmppServerConfig server, String roomJid, Supplier<Map<String, String>> stats, Duration refresh,
            BiConsumer<ForwardedDial, Consumer<Answer>> dials) {
        FocusRequests.registerProviders();
        this.server = server;
        this.roomName = roomJid;
        this.stats = stats;
        this.refresh = refresh;
        this.dials = dials;
        try {
            this.nick = Resourcepart.from("sipgw-" + String.format("%08x", RANDOM.nextInt()));
        } catch (XmppStringprepException e) {
            throw new IllegalStateException(e);
        }
        final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                r -> {
                    final Thread t = new Thread(r, "sipgw-brewery-" + nick);
                    t.setDaemon(true);
                    return t;
                });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a pending retry must not outlive close()
        this.executor = pool;
    }

    /** Starts joining (in the background); {@link #status()} tells how it goes. */
    public void start() {
        executor.execute(this::attempt);
        executor.scheduleWithFixedDelay(() -> publish(true), refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Status status() {
        return status;
    }

    /** Our occupant JID in the brewery room. */
    public String occupantJid() {
        return roomName + "/" + nick;
    }

    /** The load changed (a call started or ended): report it now. */
    public void statsChanged() {
        if (!closed) {
            executor.execute(() -> publish(false));
        }
    }

    private void attempt() {
        if (closed) {
            return;
        }
        final EntityBareJid room;
        try {
            room = JidCreate.entityBareFrom(roomName);
        } catch (XmppStringprepException e) {
            fail("'" + roomName + "' is not a room JID (sipgateway.brewery.room)", false);
            return;
        }
        status = new Status(State.CONNECTING, "connecting to " + server.host() + ":" + server.port(), null);
        try {
            final XMPPTCPConnection c = XmppLogin.connect(server, "sipgw-brewery", created -> connection = created);
            c.registerIQRequestHandler(new DialHandler());
            // available, so requests sent to our real JID are delivered too (RFC 6121 section 8.5.3)
            c.sendStanza(c.getStanzaFactory().buildPresenceStanza().build());
            c.addConnectionListener(new ConnectionListener() {
                @Override
                public void connectionClosedOnError(Exception e) {
                    executor.execute(() -> lost("XMPP connection lost: " + XmppLogin.rootMessage(e)));
                }
            });
            final MultiUserChat room0 = MultiUserChatManager.getInstanceFor(c).getMultiUserChat(room);
            room0.join(room0.getEnterConfigurationBuilder(nick).requestNoHistory().timeoutAfter(c.getReplyTimeout())
                    .withPresence(this::fill).build());
            room0.addUserStatusListener(new UserStatusListener() {
                @Override
                public void kicked(Jid actor, String reason) {
                    executor.execute(() -> lost("kicked from the brewery room" + (reason == null ? "" : ": " + reason)));
                }

                @Override
                public void roomDestroyed(MultiUserChat alternate, String reason) {
                    executor.execute(() -> lost("the brewery room was destroyed"));
                }
            });
            muc = room0;
            nextRetry = FIRST_RETRY;
            status = new Status(State.JOINED, "in " + roomName + " as " + nick, null);
            LOG.info("Joined the brewery {} as {}", roomName, nick);
        } catch (ConferenceFailure f) {
            fail(f.getMessage(), true);
        } catch (XMPPException.XMPPErrorException e) {
            fail("the brewery room " + roomName + " refused us: " + FocusRequests.describe(e), true);
        } catch (SmackException e) {
            fail("joining the brewery room " + roomName + " failed: " + XmppLogin.rootMessage(e), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void lost(String why) {
        if (closed || status.state() != State.JOINED) {
            return;
        }
        LOG.warn("Brewery {}: {}", roomName, why);
        fail(why, true);
    }

    private void fail(String why, boolean again) {
        disconnect();
        if (closed) {
            return;
        }
        final Instant next = again ? Instant.now().plus(nextRetry) : null;
        status = new Status(State.FAILING, why, next);
        LOG.warn("Brewery {}: {}{}", roomName, why, again ? "; next try in " + nextRetry.toSeconds() + " s" : "");
        if (again) {
            retry = executor.schedule(this::attempt, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
            final Duration doubled = nextRetry.multipliedBy(2);
            nextRetry = doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
        }
    }

    /** Presence with the current load report: on change, or every {@code refresh} when {@code always}. */
    private void publish(boolean always) {
        final MultiUserChat m = muc;
        final XMPPTCPConnection c = connection;
        if (closed || m == null || c == null || !m.isJoined()) {
            return;
        }
        final Map<String, String> now = stats.get();
        if (!always && now.equals(published)) {
            return;
        }
        try {
            final PresenceBuilder presence = c.getStanzaFactory().buildPresenceStanza()
                    .to(JidCreate.entityFullFrom(m.getRoom(), nick));
            fill(presence, now);
            c.sendStanza(presence.build());
        } catch (SmackException.NotConnectedException | InterruptedException e) {
            LOG.debug("Brewery presence not sent: {}", e.toString());
        }
    }

    private void fill(PresenceBuilder presence) {
        fill(presence, stats.get());
    }

    private void fill(PresenceBuilder presence, Map<String, String> now) {
        final FeaturesExtension features = new FeaturesExtension();
        final FeatureExtension jigasi = new FeatureExtension();
        jigasi.setAttribute("var", GatewayFeatures.JIGASI);
        features.addChildExtension(jigasi);
        presence.addExtension(features);
        final StandardExtensionElement.Builder report = StandardExtensionElement.builder("stats", COLIBRI_NS);
        now.forEach((name, value) -> report.addElement(StandardExtensionElement.builder("stat", COLIBRI_NS)
                .addAttribute("name", name).addAttribute("value", value).build()));
        presence.addExtension(report.build());
        published = now;
    }

    private void disconnect() {
        final XMPPTCPConnection c = connection;
        connection = null;
        muc = null;
        if (c != null) {
            c.unregisterIQRequestHandler(DialIq.ELEMENT, DialIq.NAMESPACE, IQ.Type.set);
            XmppLogin.close(c);
        }
    }

    /** Leaves the room, closes the connection and stops the thread (bounded). */
    @Override
    public void close() {
        closed = true;
        final XMPPTCPConnection c = connection;
        if (c != null && status.state() != State.JOINED) {
            XmppLogin.close(c); // still connecting: cut it
        }
        executor.execute(() -> {
            if (retry != null) {
                retry.cancel(false);
            }
            final MultiUserChat m = muc;
            try {
                if (m != null && m.isJoined()) {
                    m.leave();
                }
            } catch (Exception e) {
                LOG.debug("Leaving the brewery: {}", e.toString());
            }
            disconnect();
            status = new Status(State.CLOSED, "stopped", null);
        });
        executor.shutdown();
        try {
            if (!executor.awaitTermination(server.timeout().toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Rayo dials forwarded by the focus: handed on, answered when the gateway is in the conference room. */
    private final class DialHandler extends AbstractIqRequestHandler {
        DialHandler() {
            super(DialIq.ELEMENT, DialIq.NAMESPACE, IQ.Type.set, IQRequestHandler.Mode.async);
        }

        @Override
        public IQ handleIQRequest(IQ request) {
            final XMPPTCPConnection c = connection;
            if (!(request instanceof DialIq dial)) {
                return StanzaErrors.reply(request, StanzaError.Condition.bad_request, "malformed Rayo dial"
                        + (request instanceof TolerantIqProvider.Unreadable u ? ": " + u.why() : ""));
            }
            final Jid from = request.getFrom();
            final EntityFullJid occupant = from == null ? null : from.asEntityFullJidIfPossible();
            final MultiUserChat m = muc;
            final boolean inRoom = occupant != null && m != null && occupant.asEntityBareJid().equals(m.getRoom());
            final Occupant seen = inRoom ? m.getOccupant(occupant) : null;
            final String realJid = inRoom ? (seen == null || seen.getJid() == null ? null : seen.getJid().toString())
                    : String.valueOf(from);
            final ForwardedDial forwarded = new ForwardedDial(String.valueOf(from), inRoom, realJid,
                    dial.getDestination(), dial.getSource(), dial.getHeader("JvbRoomName"),
                    dial.getHeader("JvbRoomPassword"));
            dials.accept(forwarded, answer -> {
                final IQ reply = answer.refUri() != null ? RefIq.createResult(request, answer.refUri())
                        : StanzaErrors.reply(request,
                                StanzaError.Condition.valueOf(answer.condition()), answer.text());
                try {
                    if (c != null && c.isConnected()) {
                        c.sendStanza(reply);
                    }
                } catch (SmackException.NotConnectedException | InterruptedException e) {
                    LOG.info("Answer to the forwarded dial {} not sent: {}", request.getStanzaId(), e.toString());
                }
            });
            return null; // answered through the callback
        }
    }
}
