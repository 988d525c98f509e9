package org.diameter4j.gy.client;

import org.diameter4j.gy.CreditControlAnswer;

/**
 * What a credit-control request meant for the end user's service.
 *
 * @param answer the answer when one arrived, else null
 * @param reason in words: the Result-Code and name, "Tx expired", the transport failure …
 */
public record CcOutcome(Kind kind, CreditControlAnswer answer, String reason) {
    public enum Kind {
        /** A successful answer: service granted with the answer's units. */
        GRANTED,
        /**
         * Service granted without a successful answer (CCFH/DDFH CONTINUE, Tx expired, not
         * applicable).
         */
        GRANTED_ON_FAILURE,
        /** The end user's service is terminated (denied, CCFH TERMINATE, final units). */
        TERMINATED,
        /** CHECK_BALANCE / PRICE_ENQUIRY / REFUND could not be served. */
        SERVICE_ERROR,
        /** The event request was stored for later sending (DDFH TERMINATE_OR_BUFFER, refund). */
        STORED,
        /** The session ended (termination answer, or it was already over). */
        ENDED,
        /** The request is not allowed in the session's state (RFC 4006 §7: error condition). */
        REJECTED
    }

    public boolean granted() {
        return kind == Kind.GRANTED || kind == Kind.GRANTED_ON_FAILURE;
    }
}
