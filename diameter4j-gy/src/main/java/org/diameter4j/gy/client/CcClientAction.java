package org.diameter4j.gy.client;

/** Actions of the credit-control client state machine (RFC 4006 §7). */
public enum CcClientAction {
    SEND_INITIAL,
    SEND_UPDATE,
    SEND_TERMINATION,
    SEND_EVENT,
    SEND_STORED,
    SEND_RAA,
    START_TX,
    STOP_TX,
    GRANT_SERVICE,
    TERMINATE_SERVICE,
    INDICATE_SERVICE_ERROR,
    QUEUE_TERMINATION,
    QUEUE_RATING_CHANGE,
    STORE_REQUEST,
    STORE_REQUEST_WITH_T_FLAG,
    DELETE_REQUEST
}
