package org.diameter4j.gy.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that moves only when told to: {@link #advance} runs the timers that fall due, in order.
 */
public final class ManualScheduler implements CcScheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long seq;

    private final class Task implements Comparable<Task>, Timer {
        final long due;
        final long order = seq++;
        final Runnable run;
        volatile boolean cancelled;

        Task(long due, Runnable run) {
            this.due = due;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public ManualScheduler() {
        this(1_700_000_000_000L);
    }

    public ManualScheduler(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Task t = new Task(now + Math.max(0, delay.toMillis()), task);
        queue.add(t);
        return t;
    }

    /** Moves the clock forward, running due timers (outside the lock, in due order). */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toMillis();
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
                next.run.run();
            }
        }
    }

    /** Timers not yet run nor cancelled. */
    public synchronized int pending() {
        List<Task> live = new ArrayList<>();
        for (Task t : queue) {
            if (!t.cancelled) {
                live.add(t);
            }
        }
        return live.size();
    }
}
