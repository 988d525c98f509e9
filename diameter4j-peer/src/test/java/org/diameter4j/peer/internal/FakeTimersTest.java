package org.diameter4j.peer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The virtual clock the RFC 6733 §5.6 / RFC 3539 timer tests run on. */
class FakeTimersTest {
    private final FakeTimers timers = new FakeTimers();
    private final List<String> ran = new ArrayList<>();

    @Test
    void nothingRunsUntilTheClockIsAdvanced() {
        timers.schedule(0, () -> ran.add("now"));
        assertThat(ran).isEmpty();
        timers.advance(0);
        assertThat(ran).containsExactly("now");
    }

    @Test
    void dueTasksRunInDueOrderThenSchedulingOrderAtTheirDueTime() {
        timers.schedule(30, () -> ran.add("c@" + timers.nowMillis()));
        timers.schedule(10, () -> ran.add("a@" + timers.nowMillis()));
        timers.schedule(10, () -> ran.add("b@" + timers.nowMillis()));
        timers.schedule(31, () -> ran.add("late"));

        timers.advance(30);

        assertThat(ran).containsExactly("a@10", "b@10", "c@30");
        assertThat(timers.nowMillis()).isEqualTo(30);
        assertThat(timers.pending()).isEqualTo(1);
    }

    @Test
    void cancelledTasksDoNotRun() {
        Timers.Timer t = timers.schedule(5, () -> ran.add("x"));
        t.cancel();
        timers.advance(100);
        assertThat(ran).isEmpty();
        assertThat(timers.pending()).isZero();
    }

    @Test
    void tasksScheduledByTasksRunWithinTheSameAdvance() {
        timers.schedule(
                10,
                () -> {
                    ran.add("first@" + timers.nowMillis());
                    timers.schedule(10, () -> ran.add("second@" + timers.nowMillis()));
                });

        timers.advance(25);

        assertThat(ran).containsExactly("first@10", "second@20");
        assertThat(timers.nowMillis()).isEqualTo(25);
    }
}
