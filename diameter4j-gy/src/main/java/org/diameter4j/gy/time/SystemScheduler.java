package org.diameter4j.gy.time;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Wall clock and one daemon scheduler thread. */
public final class SystemScheduler implements CcScheduler, AutoCloseable {
    private static final SystemScheduler SHARED = new SystemScheduler();

    private final ScheduledExecutorService exec =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "diameter4j-gy-timers");
                        t.setDaemon(true);
                        return t;
                    });

    /** A scheduler with its own timer thread; {@link #close()} stops it. */
    public SystemScheduler() {}

    /** A process-wide instance. */
    public static SystemScheduler shared() {
        return SHARED;
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = exec.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        if (this != SHARED) {
            exec.shutdownNow();
        }
    }
}
