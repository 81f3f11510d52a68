package org.sipgateway.callcontrol.link;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.dom4j.Element;

/**
 * One TCP connection of a link: connect, stream header, handshake (XEP-0114 section 3), then stanzas in both
 * directions. The reading thread also keeps the connection alive: the socket's read timeout wakes it to send a
 * whitespace keepalive (RFC 6120 section 4.6.1) or an XEP-0199 ping, and to give up on a silent peer.
 */
final class ComponentSession {
    static final String PING_ID_PREFIX = "sipgw-link-ping-";
    private static final AtomicLong PINGS = new AtomicLong();

    private final LinkConfig config;
    private final Runnable onTick;
    private final Socket socket = new Socket();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final long startedNanos = System.nanoTime();
    private volatile Writer out;
    private volatile GuardedInput in;
    private StanzaReader reader;
    private volatile boolean authenticated;
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicBoolean tagSent = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String writeFailure;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long lastPingNanos;

    ComponentSession(LinkConfig config, Runnable onTick) {
        this.config = config;
        this.onTick = onTick;
    }

    /** Connects and authenticates; throws with the reason when the server refuses or does not answer. */
    void open() throws IOException {
        final String where = config.host() + ":" + config.port();
        try {
            socket.connect(new InetSocketAddress(config.host(), config.port()),
                    (int) config.connectTimeout().toMillis());
        } catch (UnknownHostException e) {
            throw new LinkFailure("unknown host " + config.host());
        } catch (IOException e) {
            throw new LinkFailure(closing ? "closed" : "cannot connect to " + where + " (" + e.getMessage() + ")");
        }
        socket.setSoTimeout(tickMillis());
        socket.setTcpNoDelay(true);
        out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        send("<?xml version='1.0'?><stream:stream xmlns='" + StanzaReader.NS_COMPONENT + "' xmlns:stream='"
                + StanzaReader.NS_STREAMS + "' to='" + escape(config.domain()) + "'>");
        in = new GuardedInput(socket.getInputStream(), config.maxStanzaBytes(), this::tick);
        reader = new StanzaReader(in, config.maxDepth());
        final Map<String, String> header = reader.openStream();
        final String streamId = header.get("id");
        if (streamId == null || streamId.isEmpty()) {
            throw new LinkFailure("the server's stream header has no id, so no handshake is possible", "invalid-xml");
        }
        send("<handshake>" + Handshake.digest(streamId, config.secret()) + "</handshake>");
        final Element answer = reader.next();
        if (answer == null) {
            throw new LinkFailure("the server closed the stream during the handshake");
        }
        if (StreamError.is(answer)) {
            throw new LinkFailure(StreamError.of(answer).describe());
        }
        if (!"handshake".equals(answer.getName())) {
            throw new LinkFailure("the server answered the handshake with <" + answer.getName() + ">",
                    "unsupported-stanza-type");
        }
        authenticated = true;
    }

    /** Hands every stanza to {@code stanzas} until the connection ends; always ends with the reason. */
    void read(Consumer<Element> stanzas) throws IOException {
        while (true) {
            final Element element = reader.next();
            if (element == null) {
                throw new LinkFailure("the server closed the stream");
            }
            if (StreamError.is(element)) {
                throw new LinkFailure(StreamError.of(element).describe());
            }
            stanzas.accept(element);
        }
    }

    /** Writes one stanza (or any XML text) and flushes it. */
    void send(String xml) throws IOException {
        final Writer writer = out;
        if (writer == null || closing) {
            throw new IOException("not connected");
        }
        writeLock.lock();
        try {
            writer.write(xml);
            writer.flush();
            lastWriteNanos = System.nanoTime();
        } catch (IOException e) {
            writeFailure = "could not write to " + config.host() + ":" + config.port() + " (" + e.getMessage() + ")";
            closeSocket(); // the reader then ends with this reason
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    boolean authenticated() {
        return authenticated;
    }

    /** A write failure seen by a sending thread, which explains the reader's end better than "socket closed". */
    String writeFailure() {
        return writeFailure;
    }

    /**
     * Sends our closing tag (RFC 6120 section 4.4), once; a stream error before it when {@code condition} is set
     * (we found the server at fault). The server answers with its own closing tag, which ends {@link #read}.
     * Never blocks for long: a writer stuck on a dead peer only delays it by half a second.
     */
    void endStream(String condition) {
        closing = true;
        final Writer writer = out;
        if (writer == null || tagSent.getAndSet(true)) {
            return;
        }
        try {
            if (writeLock.tryLock(500, TimeUnit.MILLISECONDS)) {
                try {
                    if (condition != null) {
                        writer.write("<stream:error><" + condition + " xmlns='" + StreamError.NS_ERRORS
                                + "'/></stream:error>");
                    }
                    writer.write("</stream:stream>");
                    writer.flush();
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the connection is going anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the stream if not yet done and closes the socket. */
    void close(String condition) {
        endStream(condition);
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to free
        }
    }

    /** Runs on the reading thread whenever nothing arrived for one read timeout. */
    private void tick() throws IOException {
        if (closing) {
            throw new LinkFailure("closed");
        }
        final long now = System.nanoTime();
        final long keepalive = config.keepalive().toNanos();
        if (!authenticated) {
            if (now - startedNanos > config.handshakeTimeout().toNanos()) {
                throw new LinkFailure("no handshake answer from " + config.host() + ":" + config.port() + " within "
                        + span(config.handshakeTimeout().toNanos()));
            }
            return;
        }
        onTick.run();
        final long silent = now - in.lastReadNanos();
        if (silent >= 2 * keepalive) {
            throw new LinkFailure("nothing heard from " + config.host() + ":" + config.port() + " for "
                    + span(silent) + ", not even an answer to a ping: the server or the "
                    + "network is gone");
        }
        if (silent >= keepalive && lastPingNanos - in.lastReadNanos() <= 0) {
            lastPingNanos = now;
            // XEP-0199 section 4.1: the server's answer (result or error) proves it is alive
            trySend("<iq type='get' id='" + PING_ID_PREFIX + PINGS.incrementAndGet() + "' from='"
                    + escape(config.domain()) + "' to='" + escape(serverDomain(config.domain()))
                    + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        } else if (now - lastWriteNanos >= keepalive) {
            trySend(" ");
        }
    }

    /** Keepalive writes give way to a stanza being written: that stanza keeps the connection alive too. */
    private void trySend(String xml) {
        try {
            if (writeLock.tryLock(100, TimeUnit.MILLISECONDS)) {
                try {
                    send(xml);
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException e) {
            // the socket is closed now; the next read ends with writeFailure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code 600 ms} or {@code 61 s}. */
    static String span(long nanos) {
        final long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        return millis < 10_000 ? millis + " ms" : millis / 1000 + " s";
    }

    private int tickMillis() {
        return (int) Math.max(20, Math.min(1000, config.keepalive().toMillis() / 2));
    }

    /** The server a component is attached to: its domain without the first label. */
    static String serverDomain(String componentDomain) {
        final int dot = componentDomain.indexOf('.');
        return dot < 0 ? componentDomain : componentDomain.substring(dot + 1);
    }

    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }
}
