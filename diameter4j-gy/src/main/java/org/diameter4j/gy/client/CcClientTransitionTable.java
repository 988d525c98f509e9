package org.diameter4j.gy.client;

import static org.diameter4j.gy.client.CcClientAction.DELETE_REQUEST;
import static org.diameter4j.gy.client.CcClientAction.GRANT_SERVICE;
import static org.diameter4j.gy.client.CcClientAction.INDICATE_SERVICE_ERROR;
import static org.diameter4j.gy.client.CcClientAction.QUEUE_RATING_CHANGE;
import static org.diameter4j.gy.client.CcClientAction.QUEUE_TERMINATION;
import static org.diameter4j.gy.client.CcClientAction.SEND_EVENT;
import static org.diameter4j.gy.client.CcClientAction.SEND_INITIAL;
import static org.diameter4j.gy.client.CcClientAction.SEND_RAA;
import static org.diameter4j.gy.client.CcClientAction.SEND_STORED;
import static org.diameter4j.gy.client.CcClientAction.SEND_TERMINATION;
import static org.diameter4j.gy.client.CcClientAction.SEND_UPDATE;
import static org.diameter4j.gy.client.CcClientAction.START_TX;
import static org.diameter4j.gy.client.CcClientAction.STOP_TX;
import static org.diameter4j.gy.client.CcClientAction.STORE_REQUEST;
import static org.diameter4j.gy.client.CcClientAction.STORE_REQUEST_WITH_T_FLAG;
import static org.diameter4j.gy.client.CcClientAction.TERMINATE_SERVICE;
import static org.diameter4j.gy.client.CcClientEvent.*;
import static org.diameter4j.gy.client.CcClientState.IDLE;
import static org.diameter4j.gy.client.CcClientState.OPEN;
import static org.diameter4j.gy.client.CcClientState.PENDING_B;
import static org.diameter4j.gy.client.CcClientState.PENDING_E;
import static org.diameter4j.gy.client.CcClientState.PENDING_I;
import static org.diameter4j.gy.client.CcClientState.PENDING_T;
import static org.diameter4j.gy.client.CcClientState.PENDING_U;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The credit-control client state machines of RFC 4006 §7 ("CLIENT, SESSION BASED for the first
 * interrogation with CCR", "... for intermediate and final interrogations", "CLIENT, EVENT BASED"),
 * as data. Each row quotes the RFC: state, event, action, new state. A (state, event) pair with no
 * row is an error condition (§7: "Any event not listed in the state machines MUST be considered an
 * error condition"); {@link GyClientSession} logs it and leaves the state unchanged.
 */
public final class CcClientTransitionTable {
    /** The actions of one row, in order, and the next state. */
    public record Transition(List<CcClientAction> actions, CcClientState next) {}

    private static final Map<CcClientState, Map<CcClientEvent, Transition>> TABLE =
            new EnumMap<>(CcClientState.class);

    private static void row(
            CcClientState s, CcClientEvent e, CcClientState next, CcClientAction... actions) {
        if (TABLE.computeIfAbsent(s, x -> new EnumMap<>(CcClientEvent.class))
                        .put(e, new Transition(List.of(actions), next))
                != null) {
            throw new IllegalStateException("duplicate row " + s + " / " + e);
        }
    }

    static {
        // CLIENT, SESSION BASED for the first interrogation with CCR
        // State     Event                          Action       New State
        // Idle      Client or device requests      Send         PendingI
        //           access/service                 CC initial
        //                                          req., start Tx
        row(IDLE, SERVICE_REQUESTED, PENDING_I, SEND_INITIAL, START_TX);
        // PendingI  Successful CC initial          Stop Tx      Open
        //           answer received
        // (Grant service: implied by the successful answer and its granted units.)
        row(PENDING_I, SUCCESSFUL_ANSWER, OPEN, STOP_TX, GRANT_SERVICE);
        // PendingI  Failure to send, or            Grant        Idle
        //           temporary error and            service to
        //           CCFH equal to CONTINUE         end user
        row(PENDING_I, FAILURE_CCFH_CONTINUE, IDLE, GRANT_SERVICE);
        // PendingI  Failure to send, or            Terminate    Idle
        //           temporary error and            end user's
        //           CCFH equal to TERMINATE        service
        //           or to RETRY_AND_TERMINATE
        row(PENDING_I, FAILURE_CCFH_TERMINATE, IDLE, TERMINATE_SERVICE);
        // PendingI  Tx expired and CCFH            Terminate    Idle
        //           equal to TERMINATE             end user's service
        row(PENDING_I, TX_EXPIRED_CCFH_TERMINATE, IDLE, TERMINATE_SERVICE);
        // PendingI  Tx expired and CCFH equal      Grant        PendingI
        //           to CONTINUE or to              service to
        //           RETRY_AND_TERMINATE            end user
        row(PENDING_I, TX_EXPIRED_CCFH_CONTINUE, PENDING_I, GRANT_SERVICE);
        // PendingI  CC initial answer              Terminate    Idle
        //           received with result code      end user's
        //           END_USER_SERVICE_DENIED or     service
        //           USER_UNKNOWN
        row(PENDING_I, ANSWER_SERVICE_DENIED, IDLE, TERMINATE_SERVICE);
        // PendingI  CC initial answer              Grant        Idle
        //           received with result code      service
        //           equal to CREDIT_CONTROL_       to end user
        //           NOT_APPLICABLE
        row(PENDING_I, ANSWER_NOT_APPLICABLE, IDLE, GRANT_SERVICE);
        // PendingI  Failed CC initial answer       Grant        Idle
        //           received and CCFH equal to     service to
        //           CONTINUE                       end user
        row(PENDING_I, FAILED_ANSWER_CCFH_CONTINUE, IDLE, GRANT_SERVICE);
        // PendingI  Failed CC initial answer       Terminate    Idle
        //           received and CCFH equal        end user's
        //           to TERMINATE or to             service
        //           RETRY_AND_TERMINATE
        row(PENDING_I, FAILED_ANSWER_CCFH_TERMINATE, IDLE, TERMINATE_SERVICE);
        // PendingI  User service terminated        Queue        PendingI
        //                                          termination event
        row(PENDING_I, USER_SERVICE_TERMINATED, PENDING_I, QUEUE_TERMINATION);
        // PendingI  Change in rating condition     Queue        PendingI
        //                                          changed rating condition event
        row(PENDING_I, RATING_CONDITION_CHANGE, PENDING_I, QUEUE_RATING_CHANGE);

        // CLIENT, SESSION BASED for intermediate and final interrogations
        // Open      Granted unit elapses           Send         PendingU
        //           and no final unit              CC update
        //           indication received            req., start Tx
        row(OPEN, GRANTED_UNIT_ELAPSED, PENDING_U, SEND_UPDATE, START_TX);
        // Open      Granted unit elapses           Terminate    PendingT
        //           and final unit action          end user's
        //           equal to TERMINATE             service, send
        //           received                       CC termination req.
        row(
                OPEN,
                GRANTED_UNIT_ELAPSED_FINAL_TERMINATE,
                PENDING_T,
                TERMINATE_SERVICE,
                SEND_TERMINATION,
                START_TX);
        // Open      Change in rating condition     Send         PendingU
        //           in queue                       CC update req., Start Tx
        row(OPEN, RATING_CHANGE_IN_QUEUE, PENDING_U, SEND_UPDATE, START_TX);
        // Open      Service terminated in queue    Send         PendingT
        //                                          CC termination req.
        row(OPEN, TERMINATION_IN_QUEUE, PENDING_T, SEND_TERMINATION, START_TX);
        // Open      Change in rating condition     Send         PendingU
        //           or Validity-Time elapses       CC update req., Start Tx
        row(OPEN, RATING_CONDITION_CHANGE, PENDING_U, SEND_UPDATE, START_TX);
        row(OPEN, VALIDITY_TIME_ELAPSED, PENDING_U, SEND_UPDATE, START_TX);
        // Open      User service terminated        Send         PendingT
        //                                          CC termination req.
        row(OPEN, USER_SERVICE_TERMINATED, PENDING_T, SEND_TERMINATION, START_TX);
        // Open      RAR received                   Send RAA     PendingU
        //                                          followed by
        //                                          CC update req., start Tx
        row(OPEN, RAR_RECEIVED, PENDING_U, SEND_RAA, SEND_UPDATE, START_TX);
        // PendingU  Successful CC update           Stop Tx      Open
        //           answer received
        row(PENDING_U, SUCCESSFUL_ANSWER, OPEN, STOP_TX, GRANT_SERVICE);
        // PendingU  Failure to send, or            Grant        Idle
        //           temporary error and            service to
        //           CCFH equal to CONTINUE         end user
        row(PENDING_U, FAILURE_CCFH_CONTINUE, IDLE, GRANT_SERVICE);
        // PendingU  Failure to send, or            Terminate    Idle
        //           temporary error and            end user's
        //           CCFH equal to TERMINATE        service
        //           or to RETRY_AND_TERMINATE
        row(PENDING_U, FAILURE_CCFH_TERMINATE, IDLE, TERMINATE_SERVICE);
        // PendingU  Tx expired and CCFH            Terminate    Idle
        //           equal to TERMINATE             end user's service
        row(PENDING_U, TX_EXPIRED_CCFH_TERMINATE, IDLE, TERMINATE_SERVICE);
        // PendingU  Tx expired and CCFH equal      Grant        PendingU
        //           to CONTINUE or to              service to
        //           RETRY_AND_TERMINATE            end user
        row(PENDING_U, TX_EXPIRED_CCFH_CONTINUE, PENDING_U, GRANT_SERVICE);
        // PendingU  CC update answer               Terminate    Idle
        //           received with result code      end user's
        //           END_USER_SERVICE_DENIED        service
        row(PENDING_U, ANSWER_SERVICE_DENIED, IDLE, TERMINATE_SERVICE);
        // PendingU  CC update answer               Grant        Idle
        //           received with result code      service
        //           equal to CREDIT_CONTROL_       to end user
        //           NOT_APPLICABLE
        row(PENDING_U, ANSWER_NOT_APPLICABLE, IDLE, GRANT_SERVICE);
        // PendingU  Failed CC update               Grant        Idle
        //           answer received and            service to
        //           CCFH equal to CONTINUE         end user
        row(PENDING_U, FAILED_ANSWER_CCFH_CONTINUE, IDLE, GRANT_SERVICE);
        // PendingU  Failed CC update               Terminate    Idle
        //           answer received and CCFH       end user's
        //           equal to TERMINATE or          service
        //           to RETRY_AND_TERMINATE
        row(PENDING_U, FAILED_ANSWER_CCFH_TERMINATE, IDLE, TERMINATE_SERVICE);
        // PendingU  User service terminated        Queue        PendingU
        //                                          termination event
        row(PENDING_U, USER_SERVICE_TERMINATED, PENDING_U, QUEUE_TERMINATION);
        // PendingU  Change in rating               Queue        PendingU
        //           condition                      changed rating condition event
        row(PENDING_U, RATING_CONDITION_CHANGE, PENDING_U, QUEUE_RATING_CHANGE);
        // (Granted units or Validity-Time elapsing while an update is pending are changes in
        // rating condition: queued the same way.)
        row(PENDING_U, GRANTED_UNIT_ELAPSED, PENDING_U, QUEUE_RATING_CHANGE);
        row(PENDING_U, VALIDITY_TIME_ELAPSED, PENDING_U, QUEUE_RATING_CHANGE);
        // PendingU  RAR received                   Send RAA     PendingU
        row(PENDING_U, RAR_RECEIVED, PENDING_U, SEND_RAA);
        // PendingT  Successful CC                               Idle
        //           termination answer received
        row(PENDING_T, SUCCESSFUL_ANSWER, IDLE);
        // PendingT  Failure to send, temporary                  Idle
        //           error, or failed answer
        for (CcClientEvent e :
                List.of(
                        FAILURE_CCFH_CONTINUE,
                        FAILURE_CCFH_TERMINATE,
                        FAILED_ANSWER_CCFH_CONTINUE,
                        FAILED_ANSWER_CCFH_TERMINATE,
                        ANSWER_SERVICE_DENIED,
                        ANSWER_NOT_APPLICABLE)) {
            row(PENDING_T, e, IDLE);
        }
        // PendingT  Change in rating condition                  PendingT
        row(PENDING_T, RATING_CONDITION_CHANGE, PENDING_T);
        // Not in the table; §5.7: "If a communication failure occurs during the graceful service
        // termination procedure, the service element SHOULD always terminate the ongoing service
        // session."
        row(PENDING_T, TX_EXPIRED_TERMINATION, IDLE);
        row(PENDING_T, USER_SERVICE_TERMINATED, PENDING_T);

        // CLIENT, EVENT BASED
        // Idle      Client or device requests      Send         PendingE
        //           a one-time service             CC event req., Start Tx
        row(IDLE, ONE_TIME_SERVICE_REQUESTED, PENDING_E, SEND_EVENT, START_TX);
        // Idle      Request in storage             Send         PendingB
        //                                          stored request
        row(IDLE, REQUEST_IN_STORAGE, PENDING_B, SEND_STORED);
        // PendingE  Successful CC event            Grant        Idle
        //           answer received                service to end user
        row(PENDING_E, EVENT_SUCCESS, IDLE, GRANT_SERVICE);
        // PendingE  Failure to send, temporary     Indicate     Idle
        //           error, failed CC event         service
        //           answer received, or            error
        //           Tx expired; requested
        //           action CHECK_BALANCE or PRICE_ENQUIRY
        row(PENDING_E, EVENT_ENQUIRY_FAILED, IDLE, INDICATE_SERVICE_ERROR);
        // PendingE  CC event answer                Terminate    Idle
        //           received with result code      end user's
        //           END_USER_SERVICE_DENIED or     service
        //           USER_UNKNOWN and Tx running
        row(PENDING_E, EVENT_DENIED_TX_RUNNING, IDLE, TERMINATE_SERVICE);
        // PendingE  CC event answer                Grant        Idle
        //           received with result code      service
        //           CREDIT_CONTROL_NOT_APPLICABLE; to end user
        //           requested action DIRECT_DEBITING
        row(PENDING_E, EVENT_NOT_APPLICABLE_DD, IDLE, GRANT_SERVICE);
        // PendingE  Failure to send, temporary     Grant        Idle
        //           error, or failed CC event      service
        //           answer received; requested     to end user
        //           action DIRECT_DEBITING;
        //           DDFH equal to CONTINUE
        row(PENDING_E, EVENT_FAILURE_DD_DDFH_CONTINUE, IDLE, GRANT_SERVICE);
        // PendingE  Failed CC event                Terminate    Idle
        //           answer received or temporary   end user's
        //           error; requested action        service
        //           DIRECT_DEBITING; DDFH equal to
        //           TERMINATE_OR_BUFFER and Tx running
        row(PENDING_E, EVENT_FAILED_DD_TOB_TX_RUNNING, IDLE, TERMINATE_SERVICE);
        // PendingE  Tx expired; requested          Grant        PendingE
        //           action DIRECT_DEBITING         service to end user
        row(PENDING_E, EVENT_TX_EXPIRED_DD, PENDING_E, GRANT_SERVICE);
        // PendingE  Failure to send; requested     Store        Idle
        //           action DIRECT_DEBITING;        request with
        //           DDFH equal to                  T-flag
        //           TERMINATE_OR_BUFFER
        row(PENDING_E, EVENT_FAILURE_TO_SEND_DD_TOB, IDLE, STORE_REQUEST_WITH_T_FLAG);
        // PendingE  Temporary error; requested     Store        Idle
        //           action DIRECT_DEBITING;        request
        //           DDFH equal to TERMINATE_OR_BUFFER; Tx expired
        row(PENDING_E, EVENT_TEMPORARY_ERROR_DD_TOB_TX_EXPIRED, IDLE, STORE_REQUEST);
        // PendingE  Failed answer or answer                     Idle
        //           received with result code
        //           END_USER_SERVICE DENIED or
        //           USER_UNKNOWN; requested action
        //           DIRECT_DEBITING; Tx expired
        row(PENDING_E, EVENT_FAILED_DD_TX_EXPIRED, IDLE);
        // PendingE  Failed CC event answer         Indicate     Idle
        //           received; requested            service error and
        //           action REFUND_ACCOUNT          delete request
        row(PENDING_E, EVENT_REFUND_FAILED_ANSWER, IDLE, INDICATE_SERVICE_ERROR, DELETE_REQUEST);
        // PendingE  Failure to send or             Store        Idle
        //           Tx expired; requested          request
        //           action REFUND_ACCOUNT          with T-flag
        row(PENDING_E, EVENT_REFUND_FAILURE_TO_SEND_OR_TX_EXPIRED, IDLE, STORE_REQUEST_WITH_T_FLAG);
        // PendingE  Temporary error,               Store        Idle
        //           and requested action           request
        //           REFUND_ACCOUNT
        row(PENDING_E, EVENT_REFUND_TEMPORARY_ERROR, IDLE, STORE_REQUEST);
        // PendingB  Successful CC answer           Delete       Idle
        //           received                       request
        row(PENDING_B, BUFFERED_SUCCESS, IDLE, DELETE_REQUEST);
        // PendingB  Failed CC answer               Delete       Idle
        //           received                       request
        row(PENDING_B, BUFFERED_FAILED_ANSWER, IDLE, DELETE_REQUEST);
        // PendingB  Failure to send or                          Idle
        //           temporary error
        row(PENDING_B, BUFFERED_FAILURE, IDLE);
    }

    private CcClientTransitionTable() {}

    /** The row, or null when the RFC has none for this state and event. */
    public static Transition lookup(CcClientState s, CcClientEvent e) {
        Map<CcClientEvent, Transition> m = TABLE.get(s);
        return m == null ? null : m.get(e);
    }

    static int size() {
        return TABLE.values().stream().mapToInt(Map::size).sum();
    }
}
