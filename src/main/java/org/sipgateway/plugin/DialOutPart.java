package org.sipgateway.plugin;

import java.time.Clock;
import java.util.function.Supplier;
import org.sipgateway.callcontrol.DialOutDesk;
import org.sipgateway.gateway.DialOutService;

/**
 * The dial-out policy and desk, apart from the calls part so that a policy change (allow-list, limits) restarts
 * nothing else: live calls go on, new dials meet the new rules. Its keys: {@link #KEYS}.
 */
final class DialOutPart implements Part {
    /** The policy's own keys, and the conference domain and MUC service its defaults come from. */
    static final java.util.List<SettingKey<?>> KEYS = keys();
    private final DialOutDesk desk;

    /** @param localDomain this Openfire's XMPP domain (a default of the requesters' domains) */
    DialOutPart(Settings settings, String localDomain, Supplier<DialOutService> gateway) {
        this.desk = new DialOutDesk(DialOutSettings.policy(settings, Clock.systemUTC(), localDomain), gateway,
                settings.get(DialOutSettings.PROXY));
    }

    @Override
    public String name() {
        return "dial-out policy";
    }

    @Override
    public void start() {
        // nothing to open: the desk answers dials from the component and the brewery
    }

    @Override
    public void stop() {
        // nothing to close: dial-outs in progress hold their permits until they end
    }

    DialOutDesk desk() {
        return desk;
    }

    private static java.util.List<SettingKey<?>> keys() {
        final java.util.ArrayList<SettingKey<?>> keys = new java.util.ArrayList<>(DialOutSettings.POLICY_KEYS);
        keys.add(ConferenceSettings.DOMAIN);
        keys.add(ConferenceSettings.MUC_SERVICE);
        return java.util.List.copyOf(keys);
    }
}
