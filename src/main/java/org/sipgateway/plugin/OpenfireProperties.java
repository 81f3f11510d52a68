package org.sipgateway.plugin;

import org.jivesoftware.util.JiveGlobals;

/** Reads settings from Openfire's system properties (admin console: Server > System Properties). */
public final class OpenfireProperties implements PropertyStore {
    @Override
    public String get(String name) {
        return JiveGlobals.getProperty(name);
    }

    @Override
    public void set(String name, String value) {
        JiveGlobals.setProperty(name, value);
    }

    @Override
    public void delete(String name) {
        JiveGlobals.deleteProperty(name);
    }
}
