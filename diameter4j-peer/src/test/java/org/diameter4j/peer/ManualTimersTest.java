package org.diameter4j.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The virtual clock every timer test runs on: RFC 6733 §5.6 / RFC 3539 in the peer, RFC 4006 §13 in
 * Gy, the RFC 6733 §9.8.2 INTERIM schedule in Rf.
 */
class ManualTimersTest {
    private final ManualTimers timers = new ManualTimers();
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

    @Test
    void aNegativeDelayCountsAsZeroAsOnTheRealTimers() {
        timers.schedule(-5, () -> ran.add("at@" + timers.nowMillis()));
        timers.advance(0);
        assertThat(ran).containsExactly("at@0");
    }

    @Test
    void theClockDoesNotGoBackwards() {
        assertThatThrownBy(() -> timers.advance(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time does not go backwards");
    }

    @Test
    void theWallClockMovesWithTheVirtualClock() {
        ManualTimers t = new ManualTimers(500, Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(t.nowMillis()).isEqualTo(500);
        t.advance(Duration.ofSeconds(90));
        assertThat(t.nowMillis()).isEqualTo(90_500);
        assertThat(t.instant()).isEqualTo(Instant.parse("2026-12-07T10:01:30Z"));
        assertThat(new ManualTimers().instant()).isEqualTo(ManualTimers.WALL_ORIGIN);
    }

    @Test
    void nextDueIsTheDelayToTheEarliestLiveTask() {
        assertThat(timers.nextDueInMillis()).isEqualTo(-1);
        Timers.Timer early = timers.schedule(100, () -> {});
        timers.schedule(300, () -> {});
        timers.advance(40);
        assertThat(timers.nextDueInMillis()).isEqualTo(60);
        early.cancel();
        assertThat(timers.nextDueInMillis()).isEqualTo(260);
    }

    @Test
    void aTaskMayCancelALaterOneDueInTheSameAdvance() {
        Timers.Timer[] later = new Timers.Timer[1];
        timers.schedule(10, () -> later[0].cancel());
        later[0] = timers.schedule(20, () -> ran.add("later"));
        timers.advance(30);
        assertThat(ran).isEmpty();
        assertThat(timers.pending()).isZero();
    }
}
