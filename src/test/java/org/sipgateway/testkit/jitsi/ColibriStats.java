package org.sipgateway.testkit.jitsi;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;

/** The colibri {@code <stats>} of a brewery member's presence, as Jicofo reads them (name -> value). */
public final class ColibriStats {
    public static final String NAMESPACE = "http://jitsi.org/protocol/colibri";

    private ColibriStats() {
    }

    /** True when the presence carries a load report at all. */
    public static boolean present(Presence p) {
        return p != null && p.getExtensionElement("stats", NAMESPACE) != null;
    }

    /** The stats by name; empty when there are none. Attribute order does not matter (prosody reorders them). */
    public static Map<String, String> of(Presence p) {
        final Map<String, String> stats = new LinkedHashMap<>();
        final ExtensionElement element = p == null ? null : p.getExtensionElement("stats", NAMESPACE);
        if (element instanceof StandardExtensionElement s) {
            for (StandardExtensionElement stat : s.getElements("stat")) {
                stats.put(stat.getAttributeValue("name"), stat.getAttributeValue("value"));
            }
        }
        return stats;
    }
}
