package org.sipgateway.plugin;

import java.io.File;
import java.util.List;
import java.util.Map;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;
import org.jivesoftware.openfire.container.PluginManager;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.sipgateway.gateway.CallRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: reads the settings, starts the parts in order, restarts the parts whose
 * settings change, and on unload stops everything in reverse order. No call logic lives here.
 */
public final class SipGatewayPlugin implements Plugin, PropertyEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(SipGatewayPlugin.class);
    private static volatile SipGatewayPlugin current;

    private final PropertySource properties = new OpenfireProperties();
    private volatile Settings settings;
    private PartStack parts;
    private final CallRegistry calls = new CallRegistry();
    private CallControlPart callControl;
    private CallsPart callsPart;

    @Override
    public void initializePlugin(PluginManager manager, File pluginDirectory) {
        settings = Settings.read(properties);
        settings.problems().forEach(problem -> LOG.warn(problem.message()));
        final String xmppDomain = XMPPServer.getInstance().getServerInfo().getXMPPDomain();
        parts = new PartStack(List.of(
                new PartSpec("SIP and calls", CallsPart.KEYS, s -> {
                    callsPart = new CallsPart(s, xmppDomain, calls);
                    return callsPart;
                }),
                new PartSpec("call control", List.of(Settings.CALLCONTROL_SUBDOMAIN), s -> {
                    callControl = new CallControlPart(s);
                    return callControl;
                })));
        underPluginClassLoader(() -> parts.startAll(settings));
        PropertyEventDispatcher.addListener(this);
        current = this;
        LOG.info("SIP gateway plugin started");
    }

    @Override
    public void destroyPlugin() {
        current = null;
        PropertyEventDispatcher.removeListener(this);
        if (parts != null) {
            underPluginClassLoader(parts::stopAll);
        }
        LOG.info("SIP gateway plugin stopped");
    }

    /** The running plugin, for the admin pages; null while unloaded. */
    public static SipGatewayPlugin current() {
        return current;
    }

    public Settings settings() {
        return settings;
    }

    public List<String> partFailures() {
        return parts.failures();
    }

    /** SIP listener, registrations and live calls, for the status page. */
    public GatewayStatus status() {
        final CallsPart part = callsPart;
        return part == null ? new GatewayStatus("not running", List.of(), calls.snapshot()) : part.status();
    }

    /** The live calls. */
    public CallRegistry calls() {
        return calls;
    }

    public String callControlAddress() {
        final CallControlPart part = callControl;
        return part == null ? "" : part.address();
    }

    private void settingsChanged(String property) {
        if (!Settings.isOurs(property)) {
            return;
        }
        final Settings before = settings;
        final Settings after = Settings.read(properties);
        after.problems().forEach(problem -> LOG.warn(problem.message()));
        settings = after;
        underPluginClassLoader(() -> parts.reconfigure(before, after));
    }

    /**
     * Threads the parts (and their libraries) create inherit the plugin's class loader as context,
     * so they resolve the plugin's classes and can be told apart from Openfire's own threads.
     */
    private static void underPluginClassLoader(Runnable work) {
        final Thread thread = Thread.currentThread();
        final ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SipGatewayPlugin.class.getClassLoader());
        try {
            work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void propertySet(String property, Map<String, Object> params) {
        settingsChanged(property);
    }

    @Override
    public void propertyDeleted(String property, Map<String, Object> params) {
        settingsChanged(property);
    }

    @Override
    public void xmlPropertySet(String property, Map<String, Object> params) {
        // settings live in database-backed properties only
    }

    @Override
    public void xmlPropertyDeleted(String property, Map<String, Object> params) {
        // settings live in database-backed properties only
    }
}
