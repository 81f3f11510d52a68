package org.sipgateway.callcontrol.link;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/**
 * Tinder's {@link ComponentManager} as a component on a link sees it, so the same component class runs inside
 * Openfire and as an external component: sending goes over the link, IQ queries wait for their answer by id.
 */
final class LinkComponentManager implements ComponentManager {
    /** How long {@link #query(Component, IQ, IQResultListener)} waits before telling the listener it timed out. */
    static final long LISTENER_TIMEOUT_MILLIS = 60_000;

    /** Sends one packet over the link, or fails when the link is down. */
    interface Sender {
        void send(Packet packet) throws ComponentException;
    }

    private record Pending(long deadlineNanos, Consumer<IQ> answer, Runnable timeout) {
    }

    private final Sender sender;
    private final String domain;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, String> properties = new ConcurrentHashMap<>();

    LinkComponentManager(Sender sender, String domain) {
        this.sender = sender;
        this.domain = domain;
    }

    @Override
    public void sendPacket(Component component, Packet packet) throws ComponentException {
        sender.send(packet);
    }

    @Override
    public IQ query(Component component, IQ request, long timeoutMillis) throws ComponentException {
        final CompletableFuture<IQ> answer = new CompletableFuture<>();
        pending.put(request.getID(), new Pending(deadline(timeoutMillis), answer::complete, () -> answer.complete(null)));
        try {
            sender.send(request);
            return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null; // Tinder's contract: null when no answer came in time
        } catch (ExecutionException e) {
            throw new ComponentException("query " + request.getID() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComponentException("interrupted while waiting for the answer to " + request.getID(), e);
        } finally {
            pending.remove(request.getID());
        }
    }

    @Override
    public void query(Component component, IQ request, IQResultListener listener) throws ComponentException {
        final String id = request.getID();
        pending.put(id, new Pending(deadline(LISTENER_TIMEOUT_MILLIS), listener::receivedAnswer,
                () -> listener.answerTimeout(id)));
        try {
            sender.send(request);
        } catch (ComponentException e) {
            pending.remove(id);
            throw e;
        }
    }

    /** True when {@code iq} answers one of our queries (then it went to that query, not to the component). */
    boolean answer(IQ iq) {
        if (!iq.isResponse() || iq.getID() == null) {
            return false;
        }
        final Pending waiting = pending.remove(iq.getID());
        if (waiting == null) {
            return false;
        }
        waiting.answer().accept(iq);
        return true;
    }

    /** Times out the queries whose time is up (called on the link's keepalive ticks). */
    void expire() {
        final long now = System.nanoTime();
        pending.forEach((id, p) -> {
            if (now - p.deadlineNanos() >= 0 && pending.remove(id, p)) {
                p.timeout().run();
            }
        });
    }

    /** The link is closing: every query still waiting times out now. */
    void abandonAll() {
        pending.forEach((id, p) -> {
            if (pending.remove(id, p)) {
                p.timeout().run();
            }
        });
    }

    @Override
    public void addComponent(String subdomain, Component component) throws ComponentException {
        throw new ComponentException("an external component link carries exactly one component (" + domain + ")");
    }

    @Override
    public void removeComponent(String subdomain) throws ComponentException {
        throw new ComponentException("an external component link carries exactly one component (" + domain + ")");
    }

    @Override
    public String getProperty(String name) {
        return properties.get(name);
    }

    @Override
    public void setProperty(String name, String value) {
        if (value == null) {
            properties.remove(name);
        } else {
            properties.put(name, value);
        }
    }

    /** The XMPP server the component is attached to: its domain without the first label. */
    @Override
    public String getServerName() {
        return ComponentSession.serverDomain(domain);
    }

    @Override
    public boolean isExternalMode() {
        return true;
    }

    private static long deadline(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
