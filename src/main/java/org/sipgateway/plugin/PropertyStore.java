package org.sipgateway.plugin;

/** Where the admin page writes settings: Openfire's properties (each write notifies the plugin). */
public interface PropertyStore extends PropertySource {
    void set(String name, String value);

    void delete(String name);
}
