package org.sipgateway.media;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time of threads and of this process for the benchmarks. A time the JVM cannot tell (thread CPU time unsupported
 * or off, a thread that ended while being measured) fails the run naming the thread: it is never counted as 0.
 */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The CPU times of a set of threads at one moment, by thread id. */
    public static final class Snapshot {
        private final Map<Long, Long> nanos = new HashMap<>();
        private final Map<Long, String> names = new HashMap<>();

        /** CPU nanoseconds the threads of this snapshot used since {@code earlier}; a thread new since then counts whole. */
        public long since(Snapshot earlier) {
            for (Map.Entry<Long, String> e : earlier.names.entrySet())
                if (!nanos.containsKey(e.getKey()))
                    throw new IllegalStateException("thread \"" + e.getValue() + "\" ended during the measured window:"
                        + " its CPU time since the start of the window cannot be read");
            long sum = 0;
            for (Map.Entry<Long, Long> e : nanos.entrySet())
                sum += e.getValue() - earlier.nanos.getOrDefault(e.getKey(), 0L);
            return sum;
        }

        /** How many threads it covers. */
        public int threads() { return nanos.size(); }
    }

    private ThreadCpu() { }

    /** Fails unless this JVM measures thread CPU time; turns the measurement on. */
    public static void requireSupported() {
        if (!THREADS.isThreadCpuTimeSupported())
            throw new IllegalStateException("this JVM cannot measure thread CPU time (ThreadMXBean.isThreadCpuTimeSupported is false)");
        if (!THREADS.isThreadCpuTimeEnabled())
            THREADS.setThreadCpuTimeEnabled(true);
    }

    /** The CPU nanoseconds of the live threads that {@code which} selects. */
    public static Snapshot of(Predicate<Thread> which) {
        Snapshot s = new Snapshot();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (which.test(t)) {
                s.nanos.put(t.getId(), of(t));
                s.names.put(t.getId(), t.getName());
            }
        }
        return s;
    }

    /** The CPU nanoseconds of {@code thread}. */
    public static long of(Thread thread) {
        long nanos = THREADS.getThreadCpuTime(thread.getId());
        if (nanos < 0)
            throw new IllegalStateException("cannot read the CPU time of thread \"" + thread.getName() + "\" ("
                + (thread.isAlive() ? "thread CPU time is off" : "it ended") + ")");
        return nanos;
    }

    /** The CPU nanoseconds of the calling thread. */
    public static long current() {
        return of(Thread.currentThread());
    }

    /** The CPU nanoseconds of this whole process (every thread, the JIT and GC too). */
    public static long process() {
        long nanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        if (nanos < 0)
            throw new IllegalStateException("cannot read this process's CPU time (OperatingSystemMXBean.getProcessCpuTime is -1)");
        return nanos;
    }
}
