package org.sipgateway.plugin;

import java.time.Clock;
import java.util.function.Supplier;
import org.sipgateway.callcontrol.DialOutDesk;
import org.sipgateway.gateway.DialOutService;

/**
 * The dial-out policy and desk, apart from the calls part so that a policy change (allow-list, limits) restarts
 * nothing else: live calls go on, new dials meet the new rules.
 */
final class DialOutPart implements Part {
    private final DialOutDesk desk;

    DialOutPart(Settings settings, Supplier<DialOutService> gateway) {
        this.desk = new DialOutDesk(DialOutSettings.policy(settings, Clock.systemUTC()), gateway,
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
}
