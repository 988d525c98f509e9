package org.diameter4j.rf;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Schedules an accounting session's INTERIM records; injectable so tests drive time themselves. */
@FunctionalInterface
public interface AccountingTimer {
    /** A scheduled task; {@link #cancel()} is idempotent. */
    interface Task {
        void cancel();
    }

    /** Runs {@code action} once after {@code delay}. */
    Task schedule(Duration delay, Runnable action);

    /** A timer on a scheduler you own. */
    static AccountingTimer of(ScheduledExecutorService scheduler) {
        return (delay, action) -> {
            ScheduledFuture<?> f =
                    scheduler.schedule(
                            action, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }

    /** A timer on one shared daemon thread. */
    static AccountingTimer shared() {
        return Shared.TIMER;
    }

    /** Holder of the shared timer, created on first use. */
    final class Shared {
        private static final AccountingTimer TIMER =
                of(
                        Executors.newSingleThreadScheduledExecutor(
                                r -> {
                                    Thread t = new Thread(r, "rf-interim-timer");
                                    t.setDaemon(true);
                                    return t;
                                }));

        private Shared() {}
    }
}
