package org.sipgateway.testkit.sip;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asserts that a SIP service left nothing behind: thread count back to the baseline (ignoring JDK
 * helper threads such as process reapers) and its SIP port free again for UDP and TCP.
 */
public final class StackLeakCheck {

    private final Set<Long> before;

    private StackLeakCheck(Set<Long> before) {
        this.before = before;
    }

    /** Snapshot before the service starts. */
    public static StackLeakCheck begin() {
        return new StackLeakCheck(liveIds());
    }

    /** After stop: waits up to 5 s for extra threads to end, then fails naming those still alive. */
    public void assertNoLeak(int sipPort) {
        boolean clean = ExternalProcess.waitFor(Duration.ofSeconds(5), () -> extra().isEmpty());
        if (!clean) {
            throw new AssertionError("threads left after SipService.stop(): " + extra().stream()
                    .map(Thread::getName).collect(Collectors.joining(", ")));
        }
        if (sipPort > 0 && !ExternalProcess.waitFor(Duration.ofSeconds(3), () -> FreePorts.isFree(sipPort))) {
            throw new AssertionError("SIP port " + sipPort + " still bound after SipService.stop()");
        }
    }

    private Set<Thread> extra() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> !before.contains(t.getId()))
                .filter(t -> !ignorable(t.getName()))
                .collect(Collectors.toSet());
    }

    private static boolean ignorable(String name) {
        return name.startsWith("process reaper") || name.startsWith("ForkJoinPool.commonPool")
                || name.startsWith("Attach Listener") || name.startsWith("surefire") || name.startsWith("Common-Cleaner");
    }

    private static Set<Long> liveIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }
}
