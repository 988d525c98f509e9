package org.diameter4j.gy;

/** Requested-Action (RFC 4006 §8.41). */
public enum RequestedAction {
    DIRECT_DEBITING,
    REFUND_ACCOUNT,
    CHECK_BALANCE,
    PRICE_ENQUIRY;

    public static RequestedAction of(long v) {
        return values()[(int) v];
    }
}
