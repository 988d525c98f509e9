package org.diameter4j.fuzz;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Measures what the current thread allocates while a piece of code runs, to hold decoders to RFC
 * 6733 §3 / §4.1 length checks "before anything is allocated": the cost of decoding {@code n}
 * untrusted bytes must be linear in {@code n}, whatever the length fields inside announce.
 */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot measure per-thread allocation");
        }
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private Allocations() {}

    /** Bytes allocated so far by the current thread. */
    public static long now() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Runs {@code work} and fails when it allocated more than {@code limit} bytes twice in a row.
     * The second run is there because the first use of a code path also loads classes and links
     * call sites (string concatenation, lambdas), which allocates once and never again.
     */
    public static <T> T bounded(long limit, String what, Supplier<T> work) {
        long before = now();
        T result = work.get();
        long cost = now() - before;
        if (cost <= limit) {
            return result;
        }
        before = now();
        result = work.get();
        cost = now() - before;
        if (cost > limit) {
            throw new AssertionError(
                    what + " allocated " + cost + " bytes, more than the bound of " + limit);
        }
        return result;
    }
}
