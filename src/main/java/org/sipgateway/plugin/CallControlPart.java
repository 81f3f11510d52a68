package org.sipgateway.plugin;

import java.util.Optional;
import java.util.function.Supplier;
import org.sipgateway.callcontrol.CallControlComponent;
import org.sipgateway.callcontrol.DialOutDesk;
import org.sipgateway.callcontrol.RayoRequests;
import org.sipgateway.callcontrol.link.ComponentLink;
import org.sipgateway.callcontrol.link.LinkConfig;
import org.sipgateway.callcontrol.link.LinkState;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.ComponentManagerFactory;

/**
 * The call-control component, in one of two places: registered with this Openfire under the configured subdomain
 * ({@code sipgateway.callcontrol.mode=internal}), or connected to the Jitsi Meet deployment's XMPP server as an
 * XEP-0114 external component ({@code external}). The component class is the same either way.
 */
final class CallControlPart implements Part {
    private final Settings settings;
    private final String localDomain;
    private final String subdomain;
    private final boolean external;
    private final CallControlComponent component;
    private ComponentManager manager;
    private volatile ComponentLink link;

    /**
     * @param localDomain this Openfire's XMPP domain
     * @param desk        where Rayo dials go (null while dial-out is not running)
     */
    CallControlPart(Settings settings, String localDomain, Supplier<DialOutDesk> desk) {
        this.settings = settings;
        this.localDomain = localDomain;
        this.subdomain = settings.get(Settings.CALLCONTROL_SUBDOMAIN);
        this.external = CallControlSettings.external(settings);
        this.component = new CallControlComponent(new RayoRequests(desk));
    }

    @Override
    public String name() {
        return external ? "call control component (" + CallControlSettings.domain(settings, localDomain)
                + ", external)" : "call control component (" + subdomain + ")";
    }

    /** @throws IllegalArgumentException naming the setting when external mode lacks its host or secret */
    @Override
    public void start() throws ComponentException {
        if (external) {
            final LinkConfig config = CallControlSettings.link(settings, localDomain);
            final ComponentLink started = new ComponentLink(config, component);
            started.start(); // connects in the background and keeps reconnecting; state() says how it goes
            link = started;
            return;
        }
        final ComponentManager cm = ComponentManagerFactory.getComponentManager();
        cm.addComponent(subdomain, component);
        manager = cm;
    }

    @Override
    public void stop() {
        final ComponentLink running = link;
        if (running != null) {
            link = null;
            running.close();
        }
        if (manager == null) {
            return;
        }
        try {
            manager.removeComponent(subdomain);
        } catch (ComponentException e) {
            throw new IllegalStateException("could not remove component " + subdomain + ": " + e.getMessage(), e);
        } finally {
            manager = null;
        }
    }

    String address() {
        if (external) {
            return CallControlSettings.domain(settings, localDomain);
        }
        return component.address() == null ? subdomain : component.address().toString();
    }

    /** The external link's state; empty in internal mode or before the link started. */
    Optional<LinkState> linkState() {
        final ComponentLink current = link;
        return current == null ? Optional.empty() : Optional.of(current.state());
    }

    /** The server the external link goes to, {@code host:port}; empty in internal mode. */
    String linkTarget() {
        return external ? settings.get(CallControlSettings.EXTERNAL_HOST) + ":"
                + settings.get(CallControlSettings.EXTERNAL_PORT) : "";
    }

    /** Why call control cannot take requests right now, for /health; empty when it can. */
    Optional<String> healthProblem() {
        final ComponentLink current = link;
        if (current == null || current.state().connected()) {
            return Optional.empty();
        }
        return Optional.of("call-control link " + current.config().describe() + " is " + current.state().describe());
    }
}
