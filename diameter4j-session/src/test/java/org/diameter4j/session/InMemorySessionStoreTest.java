package org.diameter4j.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> expired = new ArrayList<>();
    private final InMemorySessionStore<Integer> store =
            new InMemorySessionStore<>(3, now::get, (id, s) -> expired.add(id + "=" + s));

    @Test
    void sessionsExpireWhenNotTouchedAndTheListenerIsToldOnce() {
        store.put("a", 1, Duration.ofSeconds(10));
        now.addAndGet(9_999);
        assertThat(store.get("a")).contains(1);
        now.addAndGet(1);
        assertThat(store.get("a")).isEmpty();
        assertThat(store.get("a")).isEmpty();
        assertThat(expired).containsExactly("a=1");
    }

    @Test
    void computeRestartsTheLifetimeAndNullRemoves() {
        store.put("a", 1, Duration.ofSeconds(10));
        now.addAndGet(8_000);
        store.compute("a", Duration.ofSeconds(10), (id, s) -> s + 1);
        now.addAndGet(8_000);
        assertThat(store.get("a")).contains(2);
        store.compute("a", Duration.ofSeconds(10), (id, s) -> null);
        assertThat(store.size()).isZero();
    }

    @Test
    void aFullStoreEvictsExpiredSessionsThenRefuses() {
        store.put("a", 1, Duration.ofSeconds(1));
        store.put("b", 2, Duration.ofSeconds(10));
        store.put("c", 3, Duration.ofSeconds(10));
        now.addAndGet(1_000);
        store.put("d", 4, Duration.ofSeconds(10)); // evicts expired "a"
        assertThat(expired).containsExactly("a=1");
        assertThatThrownBy(() -> store.put("e", 5, Duration.ofSeconds(10)))
                .isInstanceOf(SessionStoreFullException.class)
                .hasMessageContaining("3 sessions are active");
        store.put(
                "b", 20, Duration.ofSeconds(10)); // replacing an existing session is always allowed
        assertThat(store.get("b")).contains(20);
    }

    @Test
    void computeIsAtomicPerSession() throws Exception {
        InMemorySessionStore<Integer> s = new InMemorySessionStore<>(10);
        s.put("x", 0, Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 10_000; i++) {
            pool.execute(() -> s.compute("x", Duration.ofMinutes(1), (id, v) -> v + 1));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        assertThat(s.get("x")).contains(10_000);
    }
}
