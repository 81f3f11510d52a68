package org.sipgateway.plugin;

import java.util.function.Supplier;
import org.sipgateway.gateway.Switchboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Graceful shutdown: while on, new calls are refused both ways and live calls go on until they end. */
final class DrainPart implements Part {
    private static final Logger LOG = LoggerFactory.getLogger(DrainPart.class);

    private final boolean draining;
    private final Supplier<CallsPart> calls;
    private final Runnable changed;

    /** @param changed told after the switch (the brewery reports graceful_shutdown at once) */
    DrainPart(boolean draining, Supplier<CallsPart> calls, Runnable changed) {
        this.draining = draining;
        this.calls = calls;
        this.changed = changed;
    }

    @Override
    public String name() {
        return "graceful shutdown";
    }

    @Override
    public void start() {
        final CallsPart part = calls.get();
        final Switchboard board = part == null ? null : part.switchboard();
        if (board == null) {
            return;
        }
        board.setDraining(draining);
        changed.run();
        if (draining) {
            LOG.info("Graceful shutdown: new calls are refused (dial-in 503, dial-out service-unavailable), {} live "
                    + "calls go on", board.activeCalls());
        }
    }

    @Override
    public void stop() {
        // the next start decides; calls stay as they are
    }
}
