package org.diameter4j.simulator.cdf;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.OptionalLong;
import org.diameter4j.peer.Timers;
import org.diameter4j.session.InMemorySessionStore;
import org.diameter4j.session.SessionStoreFullException;

/**
 * The CDF's open accounting sessions, the state of a stateful accounting server (RFC 6733 §8.2):
 * Session-Id → the last Accounting-Record-Number seen, in a bounded {@link InMemorySessionStore}.
 *
 * <ul>
 *   <li>A START record opens the session (Idle → Open); when {@code maxSessions} are open a new one
 *       is refused with {@link SessionStoreFullException} and the CDF answers 5006
 *       DIAMETER_RESOURCES_EXCEEDED without storing the record.
 *   <li>An INTERIM record of an open session restarts Ts; of a session not open (never started, or
 *       started before the CDF restarted) it is stored as a stateless server would (§8.2), without
 *       opening one — so records of sessions in progress are never refused for want of room.
 *   <li>A STOP record closes the session (Open → Idle), as does a record that could not be stored
 *       (4002, "no space left to store records").
 *   <li>With a session supervision timer Ts, an open session with no record for Ts is closed by a
 *       sweep every {@link #SWEEP} (one timer for all sessions, not one per session); without one,
 *       a session stays open until its STOP, counted against the bound.
 * </ul>
 *
 * EVENT records carry no session state. Thread-safe.
 */
final class CdfSessions implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.simulator.cdf");

    /** How often expired sessions are looked for, when there is a Ts. */
    static final Duration SWEEP = Duration.ofSeconds(1);

    /** The lifetime of a session without Ts: a century, i.e. until its STOP. */
    private static final Duration KEPT = Duration.ofDays(36_500);

    /** One open session; its identity matters (see {@link #undoOpen}). */
    static final class Open {
        volatile long lastRecordNumber;

        Open(long recordNumber) {
            this.lastRecordNumber = recordNumber;
        }
    }

    private final int maxSessions;
    private final Duration ts;
    private final InMemorySessionStore<Open> store;
    private final Timers timers;
    private volatile Timers.Timer sweep;
    private volatile boolean closed;

    /**
     * @param ts the session supervision timer, or null for none
     * @param timers where Ts is measured and the sweep runs: {@link Timers#system()}, or a {@link
     *     org.diameter4j.peer.ManualTimers} in tests
     */
    CdfSessions(int maxSessions, Duration ts, Timers timers) {
        this.maxSessions = maxSessions;
        this.ts = ts;
        this.store =
                new InMemorySessionStore<>(
                        maxSessions,
                        timers::nowMillis,
                        (sid, s) ->
                                LOG.log(
                                        Level.INFO,
                                        () ->
                                                "accounting session "
                                                        + sid
                                                        + ": no record within Ts ("
                                                        + ts
                                                        + ") after record "
                                                        + s.lastRecordNumber
                                                        + "; closed (RFC 6733 §8.2)"));
        this.timers = timers;
        if (ts != null) {
            this.sweep = timers.schedule(SWEEP.toMillis(), this::sweep);
        }
    }

    private void sweep() {
        store.purgeExpired();
        if (!closed) {
            sweep = timers.schedule(SWEEP.toMillis(), this::sweep);
        }
    }

    private Duration lifetime() {
        return ts != null ? ts : KEPT;
    }

    /**
     * A START record: opens the session, or — a START of a session already open (a retransmission)
     * — restarts its Ts.
     *
     * @return the session when this call opened it (to be undone with {@link #undoOpen} if the
     *     record is not stored), else null
     * @throws SessionStoreFullException when {@code maxSessions} are open and this one is not
     */
    Open start(String sessionId, long recordNumber) {
        Open[] created = new Open[1];
        store.compute(
                sessionId,
                lifetime(),
                (id, old) -> {
                    if (old != null) {
                        old.lastRecordNumber = Math.max(old.lastRecordNumber, recordNumber);
                        return old;
                    }
                    created[0] = new Open(recordNumber);
                    return created[0];
                });
        return created[0];
    }

    /** An INTERIM record: restarts Ts of an open session; opens none. Whether it was open. */
    boolean interim(String sessionId, long recordNumber) {
        try {
            return store.compute(
                            sessionId,
                            lifetime(),
                            (id, old) -> {
                                if (old != null) {
                                    old.lastRecordNumber =
                                            Math.max(old.lastRecordNumber, recordNumber);
                                }
                                return old;
                            })
                    != null;
        } catch (SessionStoreFullException notOpen) {
            return false; // the store refuses new keys before asking; this one was not open
        }
    }

    /** A STOP record, or a record that could not be stored: the session is closed. */
    void close(String sessionId) {
        store.remove(sessionId);
    }

    /**
     * Undoes {@link #start} when its record was not stored or was a late copy of one stored before
     * (a START retransmitted after the session's STOP must not reopen it).
     */
    void undoOpen(String sessionId, Open opened) {
        try {
            store.compute(sessionId, lifetime(), (id, cur) -> cur == opened ? null : cur);
        } catch (SessionStoreFullException gone) {
            // already closed, and the store is full: nothing to undo
        }
    }

    /** The last Accounting-Record-Number of an open session. */
    OptionalLong lastRecordNumber(String sessionId) {
        return store.get(sessionId)
                .map(s -> OptionalLong.of(s.lastRecordNumber))
                .orElse(OptionalLong.empty());
    }

    /** Sessions open now (expired ones count until the next sweep). */
    int size() {
        return store.size();
    }

    int maxSessions() {
        return maxSessions;
    }

    /** Ts, or null. */
    Duration ts() {
        return ts;
    }

    /** Closes the sessions whose Ts ran out; returns how many. */
    int purgeExpired() {
        return store.purgeExpired();
    }

    /** Stops the sweep. */
    @Override
    public void close() {
        closed = true;
        Timers.Timer t = sweep;
        if (t != null) {
            t.cancel();
        }
    }
}
