package org.diameter4j.gy.time;

import java.time.Duration;

/**
 * The clock and timers of the credit-control timers (Tx, Tcc, Validity-Time). {@link
 * SystemScheduler} in production; {@link ManualScheduler} in tests, so every timer path runs
 * without sleeping.
 */
public interface CcScheduler {
    /** A scheduled task; cancel is idempotent. */
    interface Timer {
        void cancel();
    }

    long nowMillis();

    Timer schedule(Duration delay, Runnable task);
}
