package org.sipgateway.plugin;

import java.util.function.Supplier;
import org.sipgateway.gateway.DialInService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Graceful shutdown: while on, new calls get 503 and live calls go on until they end. */
final class DrainPart implements Part {
    private static final Logger LOG = LoggerFactory.getLogger(DrainPart.class);

    private final boolean draining;
    private final Supplier<CallsPart> calls;

    DrainPart(boolean draining, Supplier<CallsPart> calls) {
        this.draining = draining;
        this.calls = calls;
    }

    @Override
    public String name() {
        return "graceful shutdown";
    }

    @Override
    public void start() {
        final CallsPart part = calls.get();
        final DialInService dialIn = part == null ? null : part.dialIn();
        if (dialIn == null) {
            return;
        }
        if (draining) {
            dialIn.stopAccepting();
            LOG.info("Graceful shutdown: new calls are refused with 503, {} live calls go on", dialIn.activeCalls());
        } else {
            dialIn.startAccepting();
        }
    }

    @Override
    public void stop() {
        // the next start decides; calls stay as they are
    }
}
