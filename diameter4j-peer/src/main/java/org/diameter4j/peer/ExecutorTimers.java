package org.diameter4j.peer;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Timers} on a {@link ScheduledExecutorService}, with the monotonic system clock. */
final class ExecutorTimers implements Timers {
    /** {@link Timers#system()}: one daemon thread, created when first used. */
    static final ExecutorTimers SHARED =
            new ExecutorTimers(
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "diameter4j-timers");
                                t.setDaemon(true);
                                return t;
                            }));

    private final ScheduledExecutorService scheduler;

    ExecutorTimers(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> f =
                scheduler.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
