package org.diameter4j.session;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Per-session state keyed by Session-Id (RFC 6733 §8.8). Implementations are thread-safe; {@link
 * #compute} is atomic per session, so concurrent requests of one session see each other's updates.
 *
 * @param <S> the application's session state
 */
public interface SessionStore<S> {
    Optional<S> get(String sessionId);

    /** Stores or replaces; the session lives for {@code lifetime} unless touched again. */
    void put(String sessionId, S state, Duration lifetime);

    /**
     * Atomically updates a session: {@code fn} gets the current state (null when absent) and
     * returns the new one (null removes it). The lifetime restarts.
     */
    S compute(String sessionId, Duration lifetime, BiFunction<String, S, S> fn);

    Optional<S> remove(String sessionId);

    /** Sessions currently held. */
    int size();
}
