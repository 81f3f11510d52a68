package org.sipgateway.plugin;

import java.util.function.Supplier;
import org.sipgateway.callcontrol.CallControlComponent;
import org.sipgateway.callcontrol.DialOutDesk;
import org.sipgateway.callcontrol.RayoRequests;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.ComponentManagerFactory;

/** Registers the call-control component with Openfire under the configured subdomain. */
final class CallControlPart implements Part {
    private final String subdomain;
    private final CallControlComponent component;
    private ComponentManager manager;

    CallControlPart(Settings settings, Supplier<DialOutDesk> desk) {
        this.subdomain = settings.get(Settings.CALLCONTROL_SUBDOMAIN);
        this.component = new CallControlComponent(new RayoRequests(desk));
    }

    @Override
    public String name() {
        return "call control component (" + subdomain + ")";
    }

    @Override
    public void start() throws ComponentException {
        final ComponentManager cm = ComponentManagerFactory.getComponentManager();
        cm.addComponent(subdomain, component);
        manager = cm;
    }

    @Override
    public void stop() {
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
        return component.address() == null ? subdomain : component.address().toString();
    }
}
