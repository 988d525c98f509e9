package org.diameter4j.gy.client;

/** States of the credit-control client (RFC 4006 §7). */
public enum CcClientState {
    IDLE,
    PENDING_I,
    OPEN,
    PENDING_U,
    PENDING_T,
    PENDING_E,
    PENDING_B;

    public boolean isPending() {
        return this != IDLE && this != OPEN;
    }
}
