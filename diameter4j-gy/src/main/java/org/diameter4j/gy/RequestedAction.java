package org.diameter4j.gy;

/** Requested-Action (RFC 4006 §8.41). */
public enum RequestedAction {
    DIRECT_DEBITING,
    REFUND_ACCOUNT,
    CHECK_BALANCE,
    PRICE_ENQUIRY;

    private static final RequestedAction[] VALUES = values(); // values() copies on each call

    public static RequestedAction of(long v) {
        return VALUES[(int) v];
    }
}
