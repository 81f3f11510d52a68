package org.sipgateway.callcontrol.link;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Runs a Tinder {@link Component} as an XEP-0114 external component of another XMPP server. One thread per link
 * ({@code sipgw-callcontrol-link-<domain>}) connects, reads, keeps the connection alive and, after any failure,
 * reconnects with capped, jittered exponential backoff for as long as the link is open. The component gets
 * {@code initialize} at {@link #start()}, {@code start} after the first accepted handshake and {@code shutdown}
 * at {@link #close()}; it is called on the link's thread and must not block there.
 */
public final class ComponentLink implements AutoCloseable {
    public static final String THREAD_PREFIX = "sipgw-callcontrol-link";
    private static final Logger LOG = LoggerFactory.getLogger(ComponentLink.class);
    private static final Duration CLOSING_TAG_WAIT = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final LinkConfig config;
    private final Component component;
    private final Clock clock;
    private final Backoff backoff;
    private final Consumer<LinkState> listener;
    private final LinkComponentManager manager;
    private final Object lock = new Object();
    private volatile LinkState state;
    private volatile ComponentSession session;
    private volatile boolean running;
    private Thread thread;
    private boolean componentStarted;
    private boolean closed;

    public ComponentLink(LinkConfig config, Component component) {
        this(config, component, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble(), s -> { });
    }

    /**
     * @param clock    for the times the state reports
     * @param jitter   random values in [0, 1) for the backoff
     * @param listener told of every state change, on the thread that made it; must return quickly
     */
    public ComponentLink(LinkConfig config, Component component, Clock clock, DoubleSupplier jitter,
            Consumer<LinkState> listener) {
        this.config = config;
        this.component = component;
        this.clock = clock;
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax(), 0.2, jitter);
        this.listener = listener;
        this.manager = new LinkComponentManager(this::send, config.domain());
        this.state = new LinkState(LinkState.Status.STOPPED, "", clock.instant(), null, 0);
    }

    /** Initialises the component and starts connecting; returns at once (see {@link #state()}). */
    public void start() throws ComponentException {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("link " + config.describe() + " was already started");
            }
            component.initialize(new JID(config.domain()), manager);
            running = true;
            update(LinkState.Status.CONNECTING, "", null, 0);
            thread = new Thread(this::run, THREAD_PREFIX + "-" + config.domain());
            thread.setDaemon(true);
            thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            thread.start();
        }
    }

    public LinkState state() {
        return state;
    }

    public LinkConfig config() {
        return config;
    }

    /** Sends a packet from the component; fails with the reason when the link is not connected. */
    public void send(Packet packet) throws ComponentException {
        final ComponentSession current = session;
        if (current == null || !current.authenticated()) {
            throw new ComponentException("call-control link " + config.describe() + " is not connected"
                    + (state.reason().isEmpty() ? "" : " (" + state.reason() + ")"));
        }
        try {
            current.send(packet.toXML());
        } catch (IOException e) {
            throw new ComponentException("call-control link " + config.describe() + ": " + e.getMessage(), e);
        }
    }

    private void run() {
        int failures = 0;
        while (running) {
            final ComponentSession attempt = new ComponentSession(config, manager::expire);
            session = attempt;
            if (!running) {
                break; // close() came before it could see this session
            }
            update(LinkState.Status.CONNECTING, state.reason(), null, failures);
            String reason;
            String condition = null;
            try {
                attempt.open();
                failures = 0; // a good connection resets the backoff
                startComponentOnce();
                update(LinkState.Status.CONNECTED, state.reason(), null, 0);
                LOG.info("Call-control link {} is connected", config.describe());
                attempt.read(this::deliver);
                reason = "the connection ended";
            } catch (LinkFailure e) {
                reason = e.getMessage();
                condition = e.streamCondition();
            } catch (IOException e) {
                reason = "connection lost (" + e.getMessage() + ")";
            } catch (RuntimeException e) {
                reason = "internal error: " + e;
                LOG.warn("Call-control link {} failed", config.describe(), e);
            }
            if (attempt.writeFailure() != null) {
                reason = attempt.writeFailure();
            }
            attempt.close(condition);
            session = null;
            if (!running) {
                break;
            }
            failures++;
            final Duration delay = backoff.delay(failures);
            final boolean news = !reason.equals(state.reason()) || state.status() == LinkState.Status.CONNECTED;
            update(LinkState.Status.FAILING, reason, clock.instant().plus(delay), failures);
            if (news) {
                LOG.warn("Call-control link {} failed: {}; trying again in {} ms", config.describe(), reason,
                        delay.toMillis());
            } else {
                LOG.info("Call-control link {} failed again ({} in a row): {}; trying again in {} ms",
                        config.describe(), failures, reason, delay.toMillis());
            }
            pause(delay);
        }
    }

    private void deliver(Element element) {
        if (!running) {
            return; // closing: nothing could be answered any more
        }
        final Packet packet;
        try {
            packet = switch (element.getName()) {
                case "iq" -> new IQ(element, false);
                case "message" -> new Message(element, false);
                case "presence" -> new Presence(element, false);
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            LOG.warn("Call-control link {}: dropped a stanza with an invalid address: {}", config.describe(),
                    e.getMessage());
            return;
        }
        if (packet == null) {
            LOG.debug("Call-control link {}: ignored <{}>", config.describe(), element.getName());
            return;
        }
        if (packet instanceof IQ iq && iq.isResponse()
                && (iq.getID() != null && iq.getID().startsWith(ComponentSession.PING_ID_PREFIX) || manager.answer(iq))) {
            return; // our keepalive ping's answer, or the answer to a query
        }
        try {
            component.processPacket(packet);
        } catch (RuntimeException e) {
            LOG.warn("Call-control component failed on a stanza from {}: {}", packet.getFrom(), e.toString(), e);
        }
    }

    private void startComponentOnce() {
        synchronized (lock) {
            if (componentStarted || !running) {
                return;
            }
            componentStarted = true;
        }
        component.start();
    }

    private void pause(Duration delay) {
        final long end = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            long left;
            while (running && (left = end - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void update(LinkState.Status status, String reason, Instant nextAttempt, int failures) {
        synchronized (lock) {
            if (!running) {
                return; // closed meanwhile: stay stopped
            }
            state = new LinkState(status, reason, status == state.status() ? state.since() : clock.instant(),
                    nextAttempt, failures);
            listener.accept(state);
        }
    }

    /**
     * Closes the stream (waits up to 1 s for the server's closing tag, so it has let go of the name), stops the
     * thread (waits up to 5 s more) and shuts the component down.
     */
    @Override
    public void close() {
        final Thread reader;
        final boolean started;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            lock.notifyAll();
            reader = thread;
            started = componentStarted;
            componentStarted = false;
            if (state.status() != LinkState.Status.STOPPED) {
                state = new LinkState(LinkState.Status.STOPPED, state.reason(), clock.instant(), null, 0);
                listener.accept(state);
            }
        }
        final ComponentSession current = session;
        if (current != null && current.authenticated()) {
            current.endStream(null); // the server's closing tag then ends the reader, with the server done with us
        } else if (current != null) {
            current.close(null); // still connecting: nothing to say goodbye to
        }
        if (reader != null && reader != Thread.currentThread()) {
            try {
                reader.join(CLOSING_TAG_WAIT.toMillis());
                if (current != null) {
                    current.close(null); // no closing tag came: close the socket under it
                }
                reader.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (reader.isAlive()) {
                LOG.warn("Call-control link {}: thread {} did not stop within {} s", config.describe(),
                        reader.getName(), CLOSE_WAIT.toSeconds());
            }
        }
        manager.abandonAll();
        if (started) {
            component.shutdown();
        }
        LOG.info("Call-control link {} is closed", config.describe());
    }
}
