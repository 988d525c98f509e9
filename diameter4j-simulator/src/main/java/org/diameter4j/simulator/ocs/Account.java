package org.diameter4j.simulator.ocs;

/**
 * One subscriber's account. Every operation is atomic (the account is its own lock), and keeps
 * {@code available + reserved + charged + refunded-back == initial + refunds} exact: no unit is
 * granted twice, none is lost.
 */
public final class Account {
    static final int OCTETS = 0;
    static final int SECONDS = 1;
    static final int UNITS = 2;

    private final String subscriber;
    private final long[] initial;
    private final long[] available;
    private final long[] reserved = new long[3];
    private final long[] charged = new long[3];

    Account(String subscriber, Balance initial) {
        this.subscriber = subscriber;
        this.initial = initial.toArray();
        this.available = initial.toArray();
    }

    public String subscriber() {
        return subscriber;
    }

    public synchronized Balance initial() {
        return Balance.of(initial);
    }

    /** What can still be granted. */
    public synchronized Balance available() {
        return Balance.of(available);
    }

    public synchronized Balance reserved() {
        return Balance.of(reserved);
    }

    /** What was used and charged. */
    public synchronized Balance charged() {
        return Balance.of(charged);
    }

    /** Reserves min(requested, available, max); returns it. */
    synchronized long reserve(int kind, long requested, long max) {
        long g = Math.max(0, Math.min(requested, Math.min(available[kind], max)));
        available[kind] -= g;
        reserved[kind] += g;
        return g;
    }

    /**
     * Charges {@code used} against a reservation of {@code held}: the rest of the reservation goes
     * back; use beyond it is taken from what is available (at most all of it). Returns the charge.
     */
    synchronized long commit(int kind, long held, long used) {
        long charge = Math.max(0, Math.min(used, held + available[kind]));
        reserved[kind] -= held;
        available[kind] += held - charge;
        charged[kind] += charge;
        return charge;
    }

    synchronized void release(int kind, long held) {
        reserved[kind] -= held;
        available[kind] += held;
    }

    /** Direct debiting (RFC 4006 §6.3): all of the amounts or nothing. */
    synchronized boolean debit(long[] amounts) {
        for (int k = 0; k < 3; k++) {
            if (available[k] < amounts[k]) {
                return false;
            }
        }
        for (int k = 0; k < 3; k++) {
            available[k] -= amounts[k];
            charged[k] += amounts[k];
        }
        return true;
    }

    /** Refund (RFC 4006 §6.4): the amounts go back to the account. */
    synchronized void refund(long[] amounts) {
        for (int k = 0; k < 3; k++) {
            available[k] += amounts[k];
            charged[k] -= Math.min(charged[k], amounts[k]);
        }
    }

    synchronized boolean covers(long[] amounts) {
        for (int k = 0; k < 3; k++) {
            if (available[k] < amounts[k]) {
                return false;
            }
        }
        return true;
    }
}
