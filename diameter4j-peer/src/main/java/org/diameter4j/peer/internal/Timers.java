package org.diameter4j.peer.internal;

/**
 * Time for a peer: the peer's event loop in production, a virtual clock in tests — so every timer
 * of the state machine and the watchdog can be tested without sleeping.
 */
public interface Timers {
    /** A scheduled task that can be cancelled. */
    interface Timer {
        void cancel();
    }

    /** Runs {@code task} on the peer's thread after {@code delayMillis}. */
    Timer schedule(long delayMillis, Runnable task);

    /** Milliseconds on a monotonic clock. */
    long nowMillis();
}
