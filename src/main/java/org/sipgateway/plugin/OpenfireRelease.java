package org.sipgateway.plugin;

import java.util.Optional;
import org.jivesoftware.openfire.XMPPServer;

/**
 * The Openfire this plugin runs in, and what is known to be wrong with it. Openfire 3.10.0 to 4.6.7 and 4.7.0 to
 * 4.7.4 let anyone past the admin console login by path traversal (CVE-2023-32315, fixed in 4.6.8 and 4.7.5): on
 * such a server whoever reaches the console's port owns it, dial-out policy and SIP passwords included.
 */
public record OpenfireRelease(int major, int minor, int micro) implements Comparable<OpenfireRelease> {
    private static final OpenfireRelease FIXED_4_6 = new OpenfireRelease(4, 6, 8);
    private static final OpenfireRelease FIRST_4_7 = new OpenfireRelease(4, 7, 0);
    private static final OpenfireRelease FIXED_4_7 = new OpenfireRelease(4, 7, 5);

    /** The running server's version; empty when Openfire does not say (the check then stays silent). */
    static Optional<OpenfireRelease> running() {
        try {
            final org.jivesoftware.util.Version v = XMPPServer.getInstance().getServerInfo().getVersion();
            return Optional.of(new OpenfireRelease(v.getMajor(), v.getMinor(), v.getMicro()));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // an API change in a future Openfire must not stop the plugin
        }
    }

    /** True for the releases whose admin console login can be bypassed (CVE-2023-32315). */
    public boolean adminConsoleBypassable() {
        return compareTo(FIXED_4_6) < 0 || compareTo(FIRST_4_7) >= 0 && compareTo(FIXED_4_7) < 0;
    }

    /** The warning the status page, /health and the log show; empty on a fixed release. */
    public Optional<String> warning() {
        if (!adminConsoleBypassable()) {
            return Optional.empty();
        }
        return Optional.of("Openfire " + this + " is older than 4.7.5: its admin console login can be bypassed "
                + "(CVE-2023-32315). Update Openfire (4.6.8, 4.7.5 or later) and keep the admin console ports (9090, "
                + "9091) closed to all but administrators.");
    }

    @Override
    public int compareTo(OpenfireRelease other) {
        final int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        final int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(micro, other.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
