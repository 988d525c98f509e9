package org.diameter4j.peer;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * {@link Timers} on a virtual clock, <b>for tests</b>: nothing runs until {@link #advance(long)}
 * moves the clock, and then every task that has become due runs on the advancing thread, in
 * due-time order (ties in scheduling order), with {@link #nowMillis()} reading the task's due time
 * while it runs. Tasks scheduled by a running task run in the same {@code advance} when they fall
 * due within it. So the RFC 6733 §5.6 state timers, the RFC 3539 watchdog, the RFC 4006
 * credit-control timers and the accounting INTERIM schedule are all tested without sleeping.
 *
 * <p>Safe to schedule on from other threads (an event loop, say) while a test advances; tasks run
 * outside the lock, so a task may schedule or cancel others. {@link #instant()} moves with the
 * virtual clock, from {@link #WALL_ORIGIN} unless told otherwise.
 */
public final class ManualTimers implements Timers {
    /** The default wall-clock time at virtual time zero: 2023-11-14T22:13:20Z. */
    public static final Instant WALL_ORIGIN = Instant.ofEpochMilli(1_700_000_000_000L);

    private final class Task implements Timer {
        final long due;
        final long seq;
        final Runnable body;
        volatile boolean cancelled;

        Task(long due, long seq, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.body = body;
        }

        @Override
        public void cancel() {
            cancelled = true;
            synchronized (ManualTimers.this) {
                queue.remove(this);
            }
        }
    }

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(
                    Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.seq));
    private final long start;
    private final Instant wallAtStart;
    private long now;
    private long seq;

    /** A clock at 0 ms, whose {@link #instant()} reads {@link #WALL_ORIGIN}. */
    public ManualTimers() {
        this(0, WALL_ORIGIN);
    }

    /** A clock at {@code startMillis}, whose {@link #instant()} then reads {@code wallAtStart}. */
    public ManualTimers(long startMillis, Instant wallAtStart) {
        this.start = startMillis;
        this.now = startMillis;
        this.wallAtStart = wallAtStart;
    }

    @Override
    public synchronized Timer schedule(long delayMillis, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMillis), seq++, task);
        queue.add(t);
        return t;
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized Instant instant() {
        return wallAtStart.plusMillis(now - start);
    }

    /** Moves the clock forward by {@code millis}, running the tasks that fall due, in order. */
    public void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(
                    "time does not go backwards: advance(" + millis + "); pass 0 or more");
        }
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.due;
            }
            if (!next.cancelled) {
                next.body.run();
            }
        }
    }

    /** {@link #advance(long)} by a {@link Duration}. */
    public void advance(Duration d) {
        advance(d.toMillis());
    }

    /** Number of scheduled tasks not yet run nor cancelled. */
    public synchronized int pending() {
        return queue.size();
    }

    /**
     * Milliseconds until the next task falls due, or -1 when none is scheduled: what a test asserts
     * when the delay itself is the specification (an INTERIM after Acct-Interim-Interval, say).
     */
    public synchronized long nextDueInMillis() {
        Task t = queue.peek();
        return t == null ? -1 : t.due - now;
    }
}
