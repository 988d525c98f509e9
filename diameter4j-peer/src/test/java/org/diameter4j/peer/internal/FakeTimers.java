package org.diameter4j.peer.internal;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * {@link Timers} on a virtual clock, for tests: nothing runs until {@link #advance(long)} moves the
 * clock, and then every task that has become due runs on the calling thread, in due-time order
 * (ties in scheduling order), with {@link #nowMillis()} reading the task's due time while it runs.
 * Tasks scheduled by a running task run in the same {@code advance} when they fall due within it.
 */
final class FakeTimers implements Timers {
    private final class Task implements Timer {
        final long due;
        final long seq;
        final Runnable body;
        boolean cancelled;

        Task(long due, long seq, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.body = body;
        }

        @Override
        public void cancel() {
            cancelled = true;
            queue.remove(this);
        }
    }

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(
                    Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.seq));
    private long now;
    private long seq;

    FakeTimers() {
        this(0);
    }

    FakeTimers(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay " + delayMillis);
        }
        Task t = new Task(now + delayMillis, seq++, task);
        queue.add(t);
        return t;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    /** Moves the clock forward by {@code millis}, running the tasks that fall due, in order. */
    void advance(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("time does not go backwards: " + millis);
        }
        long target = now + millis;
        Task t;
        while ((t = queue.peek()) != null && t.due <= target) {
            queue.poll();
            now = t.due;
            if (!t.cancelled) {
                t.body.run();
            }
        }
        now = target;
    }

    /** Number of scheduled tasks not yet run or cancelled. */
    int pending() {
        return queue.size();
    }
}
