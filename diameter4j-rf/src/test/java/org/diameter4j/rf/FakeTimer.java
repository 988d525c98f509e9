package org.diameter4j.rf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records scheduled tasks; tests fire them. */
public final class FakeTimer implements AccountingTimer {
    public static final class Scheduled implements Task {
        public final Duration delay;
        public final Runnable action;
        public volatile boolean cancelled;

        Scheduled(Duration delay, Runnable action) {
            this.delay = delay;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        public volatile boolean fired;

        public void fire() {
            fired = true;
            action.run();
        }
    }

    public final List<Scheduled> tasks = new ArrayList<>();

    @Override
    public synchronized Task schedule(Duration delay, Runnable action) {
        Scheduled s = new Scheduled(delay, action);
        tasks.add(s);
        return s;
    }

    /** Tasks neither cancelled nor fired. */
    public synchronized List<Scheduled> live() {
        return tasks.stream().filter(t -> !t.cancelled && !t.fired).toList();
    }

    public synchronized Scheduled last() {
        return tasks.get(tasks.size() - 1);
    }
}
