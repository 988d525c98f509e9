package org.diameter4j.peer;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one source of time in diameter4j: when to run a task, how long has passed, and what the date
 * is. Every timer of the stack runs on it: the peer's state timer, Tc and the pending requests'
 * timeouts (RFC 6733 §2.1, §5.6), the watchdog's Tw (RFC 3539 §3.4.1), the credit-control timers
 * Tx, Tcc and Validity-Time (RFC 4006 §13), the accounting INTERIM schedule (RFC 6733 §9.8.2).
 *
 * <p>In production: a peer's event loop (inside the peer layer), or {@link #system()} for code that
 * has no event loop. In tests: {@link ManualTimers}, whose clock moves only when the test says, so
 * every timer path is tested without sleeping.
 */
public interface Timers {
    /** A scheduled task; {@link #cancel()} is idempotent and a no-op once the task ran. */
    interface Timer {
        void cancel();
    }

    /**
     * Runs {@code task} once after {@code delayMillis} (a negative delay counts as zero), on the
     * implementation's thread: the event loop, the shared timer thread, or the thread that advances
     * a {@link ManualTimers}.
     */
    Timer schedule(long delayMillis, Runnable task);

    /**
     * Milliseconds on a monotonic clock: for deadlines and elapsed time, not a date (its origin is
     * arbitrary; only differences mean something).
     */
    long nowMillis();

    /**
     * The wall-clock time, for timestamps written on the wire (Event-Timestamp, RFC 6733 §8.21);
     * {@link #nowMillis()} is for deadlines. The system clock unless a test clock says otherwise.
     */
    default Instant instant() {
        return Instant.now();
    }

    /**
     * Timers on one process-wide daemon thread ({@code diameter4j-timers}), for code without an
     * event loop of its own. Tasks must be short: they share that thread.
     */
    static Timers system() {
        return ExecutorTimers.SHARED;
    }

    /** Timers on a scheduler you own (and shut down). */
    static Timers on(ScheduledExecutorService scheduler) {
        return new ExecutorTimers(scheduler);
    }
}
