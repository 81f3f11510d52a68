package org.sipgateway.plugin;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts parts in order, stops them in reverse order, and on a settings change restarts exactly the
 * parts whose settings changed. A part that fails to start is reported and the others still run.
 */
final class PartStack {
    private static final Logger LOG = LoggerFactory.getLogger(PartStack.class);

    private final List<PartSpec> specs;
    private final List<Part> running = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    PartStack(List<PartSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    synchronized void startAll(Settings settings) {
        for (PartSpec spec : specs) {
            running.add(start(spec, settings));
        }
    }

    synchronized void reconfigure(Settings before, Settings after) {
        for (int i = 0; i < specs.size(); i++) {
            final PartSpec spec = specs.get(i);
            if (spec.affectedBy(before, after)) {
                LOG.info("Settings of {} changed: restarting it", spec.name());
                stop(running.get(i));
                running.set(i, start(spec, after));
            }
        }
    }

    synchronized void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            stop(running.get(i));
        }
        running.clear();
    }

    /** Why parts failed to start, newest last. */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    private Part start(PartSpec spec, Settings settings) {
        final Part part = spec.factory().apply(settings);
        try {
            part.start();
            failures.removeIf(f -> f.startsWith(spec.name() + ":"));
            return part;
        } catch (Exception e) {
            final String reason = spec.name() + ": " + e.getMessage();
            LOG.error("Could not start {}: {}", spec.name(), e.getMessage(), e);
            failures.add(reason);
            part.stop();
            return null;
        }
    }

    private static void stop(Part part) {
        if (part == null) {
            return;
        }
        try {
            part.stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping {} failed: {}", part.name(), e.toString(), e);
        }
    }
}
