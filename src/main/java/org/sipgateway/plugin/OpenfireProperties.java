package org.sipgateway.plugin;

import org.jivesoftware.util.JiveGlobals;

/** Reads settings from Openfire's system properties (admin console: Server > System Properties). */
final class OpenfireProperties implements PropertySource {
    @Override
    public String get(String name) {
        return JiveGlobals.getProperty(name);
    }
}
