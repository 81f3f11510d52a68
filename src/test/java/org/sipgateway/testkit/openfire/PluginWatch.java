package org.sipgateway.testkit.openfire;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.container.Plugin;

/**
 * Inside the test Openfire: reports when the server has started and when the plugin loads and
 * unloads, and lists threads that belong to the plugin (created under its class loader or running
 * its code or the libraries it bundles).
 */
final class PluginWatch {
    private static final String[] PLUGIN_CODE = {
        "org.sipgateway.", "org.jivesoftware.smack", "org.jivesoftware.smackx", "org.ice4j.", "gov.nist.", "org.jitsi.",
    };

    private static final String HARNESS = "org.sipgateway.testkit.";

    private final String pluginName;
    private volatile WeakReference<ClassLoader> pluginLoader = new WeakReference<>(null);

    PluginWatch(String pluginName) {
        this.pluginName = pluginName;
    }

    void run() {
        boolean started = false;
        boolean loaded = false;
        while (true) {
            final XMPPServer server = XMPPServer.getInstance();
            if (!started && server != null && server.isStarted()) {
                started = true;
                OpenfireMain.report("started");
            }
            if (started) {
                final Plugin listed = server.getPluginManager().getPlugin(pluginName);
                final Plugin plugin = initialised(listed);
                if (plugin != null && !loaded) {
                    loaded = true;
                    pluginLoader = new WeakReference<>(plugin.getClass().getClassLoader());
                    OpenfireMain.report("plugin-loaded " + pluginName);
                } else if (listed == null && loaded) { // Openfire unlists it once destroyPlugin has returned
                    loaded = false;
                    OpenfireMain.report("plugin-unloaded " + pluginName);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Openfire lists a plugin before its initializePlugin has returned; the plugin's static
     * {@code current()} is set only at the end of initializePlugin, so that is what "loaded" waits for.
     */
    private static Plugin initialised(Plugin plugin) {
        if (plugin == null) {
            return null;
        }
        try {
            return plugin.getClass().getMethod("current").invoke(null) != null ? plugin : null;
        } catch (ReflectiveOperationException e) {
            return plugin; // a plugin without that hook counts as loaded when listed
        }
    }

    /** "threads total=N plugin=M names=a|b" where M counts threads that belong to the plugin. */
    String threadReport() {
        final Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        final List<String> ours = new ArrayList<>();
        final ClassLoader loader = pluginLoader.get();
        for (Map.Entry<Thread, StackTraceElement[]> entry : all.entrySet()) {
            final Thread thread = entry.getKey();
            if (thread.isAlive() && (createdUnder(thread, loader) || runsPluginCode(entry.getValue()))) {
                ours.add(thread.getName());
            }
        }
        return "threads total=" + all.size() + " plugin=" + ours.size() + " names=" + String.join("|", ours);
    }

    // A leaked thread keeps the plugin's class loader reachable, so the weak reference survives it.
    private static boolean createdUnder(Thread thread, ClassLoader loader) {
        return loader != null && thread.getContextClassLoader() == loader;
    }

    private static boolean runsPluginCode(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            for (String prefix : PLUGIN_CODE) {
                if (frame.getClassName().startsWith(prefix) && !frame.getClassName().startsWith(HARNESS)) {
                    return true;
                }
            }
        }
        return false;
    }
}
