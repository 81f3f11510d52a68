package org.sipgateway.plugin;

/** Something the plugin starts and stops as a unit (the call-control component, the SIP stack, ...). */
public interface Part {
    /** A short name for logs and the status page. */
    String name();

    void start() throws Exception;

    /** Stops and frees everything the part opened; must not throw. */
    void stop();
}
