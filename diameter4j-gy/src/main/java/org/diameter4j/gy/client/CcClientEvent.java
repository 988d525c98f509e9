package org.diameter4j.gy.client;

/**
 * Events of the credit-control client state machine (RFC 4006 §7). The RFC's events carry
 * conditions (CCFH, requested action, DDFH, Tx running or expired); each combination the tables
 * distinguish is one event here, so that the table stays a plain (state, event) lookup.
 */
public enum CcClientEvent {
    // ---- session based ----
    /** Client or device requests access/service. */
    SERVICE_REQUESTED,
    /** Successful CC initial/update/termination answer received. */
    SUCCESSFUL_ANSWER,
    /** Failure to send, or temporary error and CCFH equal to CONTINUE. */
    FAILURE_CCFH_CONTINUE,
    /**
     * Failure to send, or temporary error and CCFH equal to TERMINATE or to RETRY_AND_TERMINATE.
     */
    FAILURE_CCFH_TERMINATE,
    /** Tx expired and CCFH equal to TERMINATE. */
    TX_EXPIRED_CCFH_TERMINATE,
    /** Tx expired and CCFH equal to CONTINUE or to RETRY_AND_TERMINATE. */
    TX_EXPIRED_CCFH_CONTINUE,
    /**
     * CC answer received with result code END_USER_SERVICE_DENIED (or USER_UNKNOWN for initial).
     */
    ANSWER_SERVICE_DENIED,
    /** CC answer received with result code equal to CREDIT_CONTROL_NOT_APPLICABLE. */
    ANSWER_NOT_APPLICABLE,
    /** Failed CC answer received and CCFH equal to CONTINUE. */
    FAILED_ANSWER_CCFH_CONTINUE,
    /** Failed CC answer received and CCFH equal to TERMINATE or to RETRY_AND_TERMINATE. */
    FAILED_ANSWER_CCFH_TERMINATE,
    /** User service terminated. */
    USER_SERVICE_TERMINATED,
    /** Change in rating condition. */
    RATING_CONDITION_CHANGE,
    /** Granted unit elapses and no final unit indication received. */
    GRANTED_UNIT_ELAPSED,
    /** Granted unit elapses and final unit action equal to TERMINATE received. */
    GRANTED_UNIT_ELAPSED_FINAL_TERMINATE,
    /** Change in rating condition in queue. */
    RATING_CHANGE_IN_QUEUE,
    /** Service terminated in queue. */
    TERMINATION_IN_QUEUE,
    /** Validity-Time elapses. */
    VALIDITY_TIME_ELAPSED,
    /** RAR received. */
    RAR_RECEIVED,
    /** Not in the RFC table: Tx expired while waiting for the termination answer. */
    TX_EXPIRED_TERMINATION,

    // ---- event based ----
    /** Client or device requests a one-time service. */
    ONE_TIME_SERVICE_REQUESTED,
    /** Request in storage. */
    REQUEST_IN_STORAGE,
    /** Successful CC event answer received. */
    EVENT_SUCCESS,
    /**
     * Failure to send, temporary error, failed CC event answer received, or Tx expired;
     * CHECK_BALANCE or PRICE_ENQUIRY.
     */
    EVENT_ENQUIRY_FAILED,
    /** CC event answer received with END_USER_SERVICE_DENIED or USER_UNKNOWN and Tx running. */
    EVENT_DENIED_TX_RUNNING,
    /** CC event answer received with CREDIT_CONTROL_NOT_APPLICABLE; DIRECT_DEBITING. */
    EVENT_NOT_APPLICABLE_DD,
    /**
     * Failure to send, temporary error, or failed CC event answer received; DIRECT_DEBITING; DDFH
     * CONTINUE.
     */
    EVENT_FAILURE_DD_DDFH_CONTINUE,
    /**
     * Failed CC event answer received or temporary error; DIRECT_DEBITING; DDFH TERMINATE_OR_BUFFER
     * and Tx running.
     */
    EVENT_FAILED_DD_TOB_TX_RUNNING,
    /** Tx expired; requested action DIRECT_DEBITING. */
    EVENT_TX_EXPIRED_DD,
    /** Failure to send; DIRECT_DEBITING; DDFH TERMINATE_OR_BUFFER. */
    EVENT_FAILURE_TO_SEND_DD_TOB,
    /** Temporary error; DIRECT_DEBITING; DDFH TERMINATE_OR_BUFFER; Tx expired. */
    EVENT_TEMPORARY_ERROR_DD_TOB_TX_EXPIRED,
    /** Failed answer or END_USER_SERVICE_DENIED / USER_UNKNOWN; DIRECT_DEBITING; Tx expired. */
    EVENT_FAILED_DD_TX_EXPIRED,
    /** Failed CC event answer received; REFUND_ACCOUNT. */
    EVENT_REFUND_FAILED_ANSWER,
    /** Failure to send or Tx expired; REFUND_ACCOUNT. */
    EVENT_REFUND_FAILURE_TO_SEND_OR_TX_EXPIRED,
    /** Temporary error, and requested action REFUND_ACCOUNT. */
    EVENT_REFUND_TEMPORARY_ERROR,
    /** PendingB: successful CC answer received. */
    BUFFERED_SUCCESS,
    /** PendingB: failed CC answer received. */
    BUFFERED_FAILED_ANSWER,
    /** PendingB: failure to send or temporary error. */
    BUFFERED_FAILURE
}
