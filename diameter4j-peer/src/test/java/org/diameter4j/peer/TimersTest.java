package org.diameter4j.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The real timers: the shared daemon thread and a scheduler of one's own. */
class TimersTest {
    @Test
    void systemTimersRunTasksOnOneSharedDaemonThread() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Thread> on = new AtomicReference<>();
        Timers.system()
                .schedule(
                        1,
                        () -> {
                            on.set(Thread.currentThread());
                            done.countDown();
                        });

        assertThat(done.await(5, TimeUnit.SECONDS)).as("the task ran").isTrue();
        assertThat(on.get().isDaemon()).as("a daemon thread does not hold the JVM").isTrue();
        assertThat(on.get().getName()).isEqualTo("diameter4j-timers");
        assertThat(Timers.system()).isSameAs(Timers.system());
    }

    @Test
    void aCancelledTaskDoesNotRunAndTheClockIsMonotonic() throws Exception {
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor();
        try {
            Timers timers = Timers.on(own);
            AtomicBoolean ran = new AtomicBoolean();
            long before = timers.nowMillis();
            timers.schedule(50, () -> ran.set(true)).cancel();
            CountDownLatch after = new CountDownLatch(1);
            timers.schedule(100, after::countDown);

            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).as("cancelled before it fell due").isFalse();
            assertThat(timers.nowMillis() - before).isGreaterThanOrEqualTo(100);
        } finally {
            own.shutdownNow();
        }
    }
}
