package org.diameter4j.simulator.ocs;

import java.time.Duration;
import java.util.Arrays;
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
    // Most sessions hold one rating group: it lives in these two fields, and a map is made only
    // for a second one (a HashMap for every session was ~160 bytes; issue 10).
    private long firstGroup;
    private Reservation first;
    private Map<Long, Reservation> others;
    long lastNumber = -1;
    long lastResult;

    // The body of the last answer, for a retransmitted CCR (RFC 4006 §5.7: same answer), as the
    // bytes of one Grouped AVP holding it: ~100 bytes instead of ~650 as AVP objects, for each of
    // up to max-sessions sessions (issue 10).
    private byte[] lastBody;

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

    /** Keeps {@code body} as the last answer's (encoded now: later changes to it do not count). */
    void lastBody(List<Avp> body) {
        lastBody = Avp.grouped(0, 0, 0, body).toBytes();
    }

    /** The last answer's body, or null before the first answer. */
    Iterable<Avp> lastBody() {
        byte[] b = lastBody;
        if (b == null) {
            return null;
        }
        // The holder's header is 8 bytes (code 0, no Vendor-Id: RFC 6733 §4.1).
        return Avp.ofBytes(0, 0, 0, Arrays.copyOfRange(b, 8, b.length)).children();
    }

    /**
     * Records what was just reserved on the account for {@code ratingGroup}; with a Validity-Time,
     * releases it when that runs out without a report.
     */
    synchronized void hold(long ratingGroup, long[] held, Duration validityTime, Timers timers) {
        Reservation r = new Reservation(held);
        Reservation before = put(ratingGroup, r);
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
        Reservation r = remove(ratingGroup);
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
        if (first != null) {
            release(first);
            first = null;
        }
        if (others != null) {
            others.values().forEach(this::release);
            others = null;
        }
    }

    /** What {@code ratingGroup} holds now, per unit kind (zeros when nothing). */
    synchronized long[] held(long ratingGroup) {
        Reservation r = get(ratingGroup);
        return r == null ? new long[3] : r.held.clone();
    }

    private synchronized void expire(long ratingGroup, Reservation r) {
        if (get(ratingGroup) == r) { // not already charged or replaced
            remove(ratingGroup);
            release(r);
        }
    }

    private Reservation get(long ratingGroup) {
        if (first != null && firstGroup == ratingGroup) {
            return first;
        }
        return others == null ? null : others.get(ratingGroup);
    }

    /** Holds {@code r} for {@code ratingGroup}; returns what it held before, or null. */
    private Reservation put(long ratingGroup, Reservation r) {
        if (first != null && firstGroup == ratingGroup) {
            Reservation before = first;
            first = r;
            return before;
        }
        if (others != null && others.containsKey(ratingGroup)) {
            return others.put(ratingGroup, r);
        }
        if (first == null) {
            firstGroup = ratingGroup;
            first = r;
            return null;
        }
        if (others == null) {
            others = new HashMap<>(4);
        }
        return others.put(ratingGroup, r);
    }

    private Reservation remove(long ratingGroup) {
        if (first != null && firstGroup == ratingGroup) {
            Reservation before = first;
            first = null;
            return before;
        }
        return others == null ? null : others.remove(ratingGroup);
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
