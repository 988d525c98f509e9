package org.diameter4j.session;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The default {@link SessionStore}: in memory, bounded and expiring. A session not touched within
 * its lifetime expires (and the expiry listener is told, e.g. to release a credit reservation — RFC
 * 4006 Tcc); when the store is full the next put evicts expired sessions first and is refused with
 * {@link SessionStoreFullException} if none has expired — memory stays bounded whatever the peers
 * do.
 */
public final class InMemorySessionStore<S> implements SessionStore<S> {
    private record Entry<S>(S state, long expiresAt) {}

    private final ConcurrentHashMap<String, Entry<S>> map = new ConcurrentHashMap<>();
    private final int maxSessions;
    private final LongSupplier clock;
    private final BiConsumer<String, S> onExpiry;
    private final AtomicInteger puts = new AtomicInteger();

    public InMemorySessionStore(int maxSessions) {
        this(maxSessions, () -> System.nanoTime() / 1_000_000, (id, s) -> {});
    }

    /**
     * @param clock milliseconds on a monotonic clock (a virtual one in tests)
     * @param onExpiry called once for each session that expires
     */
    public InMemorySessionStore(
            int maxSessions, LongSupplier clock, BiConsumer<String, S> onExpiry) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
        this.maxSessions = maxSessions;
        this.clock = clock;
        this.onExpiry = onExpiry;
    }

    @Override
    public Optional<S> get(String sessionId) {
        Entry<S> e = map.get(sessionId);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expiresAt() <= clock.getAsLong()) {
            expire(sessionId, e);
            return Optional.empty();
        }
        return Optional.of(e.state());
    }

    @Override
    public void put(String sessionId, S state, Duration lifetime) {
        compute(sessionId, lifetime, (id, old) -> state);
    }

    @Override
    public S compute(String sessionId, Duration lifetime, BiFunction<String, S, S> fn) {
        long now = clock.getAsLong();
        if (!map.containsKey(sessionId) && map.size() >= maxSessions) {
            purgeExpired(now);
            if (map.size() >= maxSessions) {
                throw new SessionStoreFullException(
                        "session store full: "
                                + maxSessions
                                + " sessions are active; refusing new session "
                                + sessionId);
            }
        }
        Entry<S> updated =
                map.compute(
                        sessionId,
                        (id, old) -> {
                            S current = old == null || old.expiresAt() <= now ? null : old.state();
                            S next = fn.apply(id, current);
                            return next == null
                                    ? null
                                    : new Entry<>(next, now + lifetime.toMillis());
                        });
        if ((puts.incrementAndGet() & 1023) == 0) {
            purgeExpired(now);
        }
        return updated == null ? null : updated.state();
    }

    @Override
    public Optional<S> remove(String sessionId) {
        Entry<S> e = map.remove(sessionId);
        return e == null ? Optional.empty() : Optional.of(e.state());
    }

    @Override
    public int size() {
        return map.size();
    }

    /** Removes every expired session now, telling the expiry listener; returns how many. */
    public int purgeExpired() {
        return purgeExpired(clock.getAsLong());
    }

    private int purgeExpired(long now) {
        int n = 0;
        for (Iterator<Map.Entry<String, Entry<S>>> it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry<S>> me = it.next();
            if (me.getValue().expiresAt() <= now && map.remove(me.getKey(), me.getValue())) {
                onExpiry.accept(me.getKey(), me.getValue().state());
                n++;
            }
        }
        return n;
    }

    private void expire(String id, Entry<S> e) {
        if (map.remove(id, e)) {
            onExpiry.accept(id, e.state());
        }
    }
}
