package org.diameter4j.gy.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.DirectDebitingFailureHandling;
import org.diameter4j.gy.FailureHandling;
import org.diameter4j.gy.GyConstants;
import org.diameter4j.gy.RequestedAction;

/**
 * What an answer, a failure to send or the expiry of Tx means in the client state machine (RFC 4006
 * §7): the event of {@link CcClientTransitionTable} it is, given the state,
 * Credit-Control-Failure-Handling (§8.14), Direct-Debiting-Failure-Handling (§8.15), the
 * Requested-Action (§8.41) and whether Tx still runs; and whether a failed request may move to the
 * alternate server (§5.7, §6.5).
 */
final class CcFailureHandling {
    private CcFailureHandling() {}

    /** An answer (or its absence) in the terms of the §7 tables. */
    enum Result {
        SUCCESS,
        FAILURE_TO_SEND,
        TEMPORARY_ERROR,
        /** END_USER_SERVICE_DENIED or CREDIT_LIMIT_REACHED (§9.1). */
        DENIED,
        USER_UNKNOWN,
        NOT_APPLICABLE,
        FAILED_ANSWER
    }

    /** {@code error} non-null: the request could not be sent or got no answer. */
    static Result classify(CreditControlAnswer cca, Throwable error) {
        if (error != null) {
            return Result.FAILURE_TO_SEND;
        }
        long rc = cca.resultCode();
        if (cca.isSuccess()) {
            return Result.SUCCESS;
        }
        if (cca.isTemporaryError()) {
            return Result.TEMPORARY_ERROR;
        }
        if (rc == GyConstants.DIAMETER_END_USER_SERVICE_DENIED
                || rc == GyConstants.DIAMETER_CREDIT_LIMIT_REACHED) {
            return Result.DENIED;
        }
        if (rc == GyConstants.DIAMETER_USER_UNKNOWN) {
            return Result.USER_UNKNOWN;
        }
        if (rc == GyConstants.DIAMETER_CREDIT_CONTROL_NOT_APPLICABLE) {
            return Result.NOT_APPLICABLE;
        }
        return Result.FAILED_ANSWER;
    }

    /**
     * The event an outcome {@code r} is in {@code state}. In Idle and Open no answer is expected:
     * SUCCESSFUL_ANSWER, which has no row there, so it is ignored.
     */
    static CcClientEvent answerEvent(
            CcClientState state,
            Result r,
            FailureHandling ccfh,
            DirectDebitingFailureHandling ddfh,
            RequestedAction action,
            boolean txExpired) {
        boolean cont = ccfh == FailureHandling.CONTINUE;
        return switch (state) {
            case PENDING_I, PENDING_U, PENDING_T ->
                    switch (r) {
                        case SUCCESS -> CcClientEvent.SUCCESSFUL_ANSWER;
                        case FAILURE_TO_SEND, TEMPORARY_ERROR ->
                                cont
                                        ? CcClientEvent.FAILURE_CCFH_CONTINUE
                                        : CcClientEvent.FAILURE_CCFH_TERMINATE;
                        case DENIED -> CcClientEvent.ANSWER_SERVICE_DENIED;
                        // §7: USER_UNKNOWN denies the service on the initial request only; to an
                        // update it is a failed answer.
                        case USER_UNKNOWN ->
                                state == CcClientState.PENDING_U
                                        ? (cont
                                                ? CcClientEvent.FAILED_ANSWER_CCFH_CONTINUE
                                                : CcClientEvent.FAILED_ANSWER_CCFH_TERMINATE)
                                        : CcClientEvent.ANSWER_SERVICE_DENIED;
                        case NOT_APPLICABLE -> CcClientEvent.ANSWER_NOT_APPLICABLE;
                        case FAILED_ANSWER ->
                                cont
                                        ? CcClientEvent.FAILED_ANSWER_CCFH_CONTINUE
                                        : CcClientEvent.FAILED_ANSWER_CCFH_TERMINATE;
                    };
            case PENDING_E -> eventAnswer(r, ddfh, action, txExpired);
            case PENDING_B ->
                    switch (r) {
                        case SUCCESS -> CcClientEvent.BUFFERED_SUCCESS;
                        case FAILURE_TO_SEND, TEMPORARY_ERROR -> CcClientEvent.BUFFERED_FAILURE;
                        default -> CcClientEvent.BUFFERED_FAILED_ANSWER;
                    };
            default -> CcClientEvent.SUCCESSFUL_ANSWER;
        };
    }

    /** "CLIENT, EVENT BASED", state PendingE: the rows distinguish the Requested-Action. */
    private static CcClientEvent eventAnswer(
            Result r,
            DirectDebitingFailureHandling ddfh,
            RequestedAction action,
            boolean txExpired) {
        if (r == Result.SUCCESS) {
            return CcClientEvent.EVENT_SUCCESS;
        }
        switch (action) {
            case CHECK_BALANCE, PRICE_ENQUIRY -> {
                return CcClientEvent.EVENT_ENQUIRY_FAILED;
            }
            case REFUND_ACCOUNT -> {
                return switch (r) {
                    case FAILURE_TO_SEND ->
                            CcClientEvent.EVENT_REFUND_FAILURE_TO_SEND_OR_TX_EXPIRED;
                    case TEMPORARY_ERROR -> CcClientEvent.EVENT_REFUND_TEMPORARY_ERROR;
                    default -> CcClientEvent.EVENT_REFUND_FAILED_ANSWER;
                };
            }
            default -> {
                // DIRECT_DEBITING
                boolean denied = r == Result.DENIED || r == Result.USER_UNKNOWN;
                if (r == Result.NOT_APPLICABLE) {
                    return CcClientEvent.EVENT_NOT_APPLICABLE_DD;
                }
                if (denied && !txExpired) {
                    return CcClientEvent.EVENT_DENIED_TX_RUNNING;
                }
                boolean cont = ddfh == DirectDebitingFailureHandling.CONTINUE;
                if (cont && !txExpired) {
                    return CcClientEvent.EVENT_FAILURE_DD_DDFH_CONTINUE;
                }
                if (r == Result.FAILURE_TO_SEND) {
                    return cont
                            ? CcClientEvent.EVENT_FAILURE_DD_DDFH_CONTINUE
                            : CcClientEvent.EVENT_FAILURE_TO_SEND_DD_TOB;
                }
                if (!txExpired) {
                    return CcClientEvent.EVENT_FAILED_DD_TOB_TX_RUNNING;
                }
                return r == Result.TEMPORARY_ERROR
                        ? CcClientEvent.EVENT_TEMPORARY_ERROR_DD_TOB_TX_EXPIRED
                        : CcClientEvent.EVENT_FAILED_DD_TX_EXPIRED;
            }
        }
    }

    /** The event the expiry of Tx (§13) is in {@code state}; null where no request is pending. */
    static CcClientEvent txExpiredEvent(
            CcClientState state, FailureHandling ccfh, RequestedAction action) {
        return switch (state) {
            case PENDING_I, PENDING_U ->
                    ccfh == FailureHandling.TERMINATE
                            ? CcClientEvent.TX_EXPIRED_CCFH_TERMINATE
                            : CcClientEvent.TX_EXPIRED_CCFH_CONTINUE;
            case PENDING_T -> CcClientEvent.TX_EXPIRED_TERMINATION;
            case PENDING_E ->
                    switch (action) {
                        case CHECK_BALANCE, PRICE_ENQUIRY -> CcClientEvent.EVENT_ENQUIRY_FAILED;
                        case REFUND_ACCOUNT ->
                                CcClientEvent.EVENT_REFUND_FAILURE_TO_SEND_OR_TX_EXPIRED;
                        default -> CcClientEvent.EVENT_TX_EXPIRED_DD;
                    };
            default -> null;
        };
    }

    /**
     * §5.7 / §6.5: whether the failed request {@code f} moves to {@code alternate}. Not when there
     * is none or it was tried, not on DIAMETER_LOOP_DETECTED, and an update or termination only
     * when the server said FAILOVER_SUPPORTED ({@code failoverSupported}, §8.4).
     */
    static boolean mayFailover(
            CcInFlight f,
            String alternate,
            Result r,
            CreditControlAnswer a,
            Boolean failoverSupported) {
        if (alternate == null
                || f.alternateTried
                || alternate.equalsIgnoreCase(String.valueOf(f.peer))) {
            return false;
        }
        if (r == Result.TEMPORARY_ERROR && a.resultCode() == ResultCodes.DIAMETER_LOOP_DETECTED) {
            return false;
        }
        return f.opensSession() || Boolean.TRUE.equals(failoverSupported);
    }

    /** The cause of a failed send, without the future's wrapping, for the outcome's reason. */
    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null
                && (c instanceof CompletionException || c instanceof ExecutionException)) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
