package org.diameter4j.simulator.ocs;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.codec.Avp;
import org.diameter4j.peer.Timers;

/**
 * One credit-control session of the OCS: its account and what it holds of it, one reservation per
 * rating group (RFC 4006 §5.1.2: quota is granted per Rating-Group, or for the whole session when
 * the request carries no MSCC, key {@link #COMMAND_LEVEL}).
 *
 * <p>A reservation ends in exactly one of four ways, and each returns to the account what was not
 * used: the next report on its rating group (UPDATE or TERMINATE charge the Used-Service-Unit and
 * release the rest), the end of the session (TERMINATE), its Validity-Time running out with no
 * report (RFC 4006 §8.33: the client must re-authorise then; usage it reports later is charged from
 * the balance), or Tcc expiry of the whole session (RFC 4006 §13). Callers hold the session's lock
 * ({@code synchronized (session)}) for every change; the Validity-Time timer takes it too.
 */
final class OcsSession {
    /** The key of quota granted at command level (Requested-Service-Unit outside an MSCC). */
    static final long COMMAND_LEVEL = -1;

    final String subscriber;
    final Account account;
    private final Map<Long, Reservation> reservations = new HashMap<>();
    long lastNumber = -1;
    long lastResult;
    List<Avp> lastBody;

    /** What one rating group holds, per unit kind, and the timer of its Validity-Time. */
    private static final class Reservation {
        final long[] held;
        Timers.Timer validity;

        Reservation(long[] held) {
            this.held = held;
        }
    }

    OcsSession(String subscriber, Account account) {
        this.subscriber = subscriber;
        this.account = account;
    }

    /**
     * Records what was just reserved on the account for {@code ratingGroup}; with a Validity-Time,
     * releases it when that runs out without a report.
     */
    synchronized void hold(long ratingGroup, long[] held, Duration validityTime, Timers timers) {
        Reservation r = new Reservation(held);
        Reservation before = reservations.put(ratingGroup, r);
        if (before != null) { // callers charge first; never lose units if one did not
            release(before);
        }
        if (validityTime != null) {
            r.validity = timers.schedule(validityTime.toMillis(), () -> expire(ratingGroup, r));
        }
    }

    /**
     * Charges {@code used} (per unit kind) against the reservation of {@code ratingGroup} and
     * releases the rest; usage without a reservation is charged from what is available.
     */
    synchronized void charge(long ratingGroup, long[] used) {
        Reservation r = reservations.remove(ratingGroup);
        if (r != null && r.validity != null) {
            r.validity.cancel();
        }
        for (int k = 0; k < used.length; k++) {
            long held = r == null ? 0 : r.held[k];
            if (held > 0 || used[k] > 0) {
                account.commit(k, held, used[k]);
            }
        }
    }

    /** Ends every reservation: TERMINATE, Tcc expiry. */
    synchronized void releaseAll() {
        for (Reservation r : reservations.values()) {
            release(r);
        }
        reservations.clear();
    }

    /** What {@code ratingGroup} holds now, per unit kind (zeros when nothing). */
    synchronized long[] held(long ratingGroup) {
        Reservation r = reservations.get(ratingGroup);
        return r == null ? new long[3] : r.held.clone();
    }

    private synchronized void expire(long ratingGroup, Reservation r) {
        if (reservations.get(ratingGroup) == r) { // not already charged or replaced
            reservations.remove(ratingGroup);
            release(r);
        }
    }

    private void release(Reservation r) {
        if (r.validity != null) {
            r.validity.cancel();
        }
        for (int k = 0; k < r.held.length; k++) {
            if (r.held[k] > 0) {
                account.release(k, r.held[k]);
                r.held[k] = 0;
            }
        }
    }
}
