package org.diameter4j.gy.client;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.CreditControlRequests;
import org.diameter4j.gy.FailureHandling;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.RequestedAction;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.gy.client.CcFailureHandling.Result;
import org.diameter4j.peer.Timers;

/**
 * One credit-control session of a client (RFC 4006 §7), session based ({@link #start}, {@link
 * #update}, {@link #stop}) or event based ({@link #event}). Every transition is a row of {@link
 * CcClientTransitionTable}. The futures always complete: with the answer's meaning, or, when no
 * answer comes, with what the failure handling (CCFH/DDFH) decides when Tx expires or the request
 * fails.
 *
 * <p>CC-Request-Number starts at 0 and grows by one for every new request of the session;
 * retransmissions to an alternate server keep it (and the End-to-End identifier) and carry the T
 * flag. Thread-safe: all events are serialised on the session.
 *
 * <p>The parts: {@link CcRequests} builds the CCRs, {@link CcQuotas} keeps the units and
 * Validity-Time, {@link CcFailureHandling} turns answers and Tx expiry into events, {@link
 * CcAnswerState} keeps what the server said, {@link CcInFlight} sends the pending request and times
 * it, {@link CcWaiters} holds the callers' futures.
 */
public final class GyClientSession {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.gy");

    private final String sessionId;
    private final GyClientConfig config;
    private final Timers timers;
    private final Dictionary d;
    private final GyClientListener listener;
    private final CcRequests requests;
    private final CcQuotas quotas;
    private final CcWaiters waiters = new CcWaiters();
    private final CcAnswerState answers;

    private CcClientState state = CcClientState.IDLE;
    private String server;
    private CcInFlight inFlight;
    private RequestedAction eventAction;
    private Consumer<CreditControlRequests.Builder> eventContent;
    private DiameterMessage stored;
    private DiameterMessage pendingRaa;

    /** Depth of fire() on this thread; answers that arrive inside a transition wait for its end. */
    private int firing;

    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();

    GyClientSession(
            String sessionId,
            String subscriber,
            List<MsccRequest> templates,
            GyClientConfig config,
            CcTransport transport,
            Timers timers,
            Dictionary d,
            GyClientListener listener) {
        this.sessionId = sessionId;
        this.config = config;
        this.timers = timers;
        this.d = d;
        this.listener = listener == null ? GyClientListener.NONE : listener;
        this.requests =
                new CcRequests(
                        d, sessionId, subscriber, templates, config, transport, this::answered);
        this.quotas = new CcQuotas(timers, this::validityElapsed);
        this.answers = new CcAnswerState(config);
        this.server = config.primaryServer();
    }

    /** A stand-alone session (state machine tests, custom transports). */
    public static GyClientSession create(
            String sessionId,
            String subscriber,
            List<MsccRequest> msccs,
            GyClientConfig config,
            CcTransport transport,
            Timers timers,
            Dictionary d,
            GyClientListener listener) {
        return new GyClientSession(
                sessionId, subscriber, msccs, config, transport, timers, d, listener);
    }

    // ---- view ---------------------------------------------------------------------------------

    public String sessionId() {
        return sessionId;
    }

    public synchronized CcClientState state() {
        return state;
    }

    /** The CCFH in force: the server's last value, else the configured one. */
    public synchronized FailureHandling failureHandling() {
        return answers.ccfh();
    }

    /** The server the session talks to now (changes after a successful failover). */
    public synchronized String server() {
        return server;
    }

    /** Every request sent, retransmissions included, in order. */
    public synchronized List<DiameterMessage> sentRequests() {
        return requests.sent();
    }

    /** The event request stored for later (RFC 4006 §6.5), or null. */
    public synchronized DiameterMessage storedRequest() {
        return stored;
    }

    /** The units granted per rating group (key -1: command level), as last granted. */
    public synchronized Map<Long, ServiceUnits> grants() {
        return quotas.grants();
    }

    // ---- API ----------------------------------------------------------------------------------

    /** Client requests access/service: CCR-INITIAL with the session's MSCCs. */
    public CompletableFuture<CcOutcome> start() {
        return fireWith(CcClientEvent.SERVICE_REQUESTED);
    }

    /** Change in rating condition: CCR-UPDATE (queued while a request is pending). */
    public CompletableFuture<CcOutcome> update() {
        return fireWith(CcClientEvent.RATING_CONDITION_CHANGE);
    }

    /** User service terminated: CCR-TERMINATE (queued while a request is pending). */
    public CompletableFuture<CcOutcome> stop() {
        return fireWith(CcClientEvent.USER_SERVICE_TERMINATED);
    }

    /**
     * A one-time event (RFC 4006 §6): CCR-EVENT with number 0 and this Requested-Action; {@code
     * content} adds the rest (MSCC, Service-Information …), e.g. for seed 001's SMS.
     */
    public CompletableFuture<CcOutcome> event(
            RequestedAction action, Consumer<CreditControlRequests.Builder> content) {
        synchronized (this) {
            this.eventAction = action;
            this.eventContent = content;
        }
        return fireWith(CcClientEvent.ONE_TIME_SERVICE_REQUESTED);
    }

    /** Idle with a stored request: send it again (PendingB). */
    public CompletableFuture<CcOutcome> sendStored() {
        return fireWith(CcClientEvent.REQUEST_IN_STORAGE);
    }

    /**
     * Reports units used in a rating group (null: command level). When the use reaches the
     * threshold of the grant (all of it for final units), the granted unit "elapses":
     * re-authorisation by CCR-UPDATE, or termination when the final unit action is TERMINATE.
     * Returns true when that happened.
     */
    public boolean reportUsage(Long ratingGroup, ServiceUnits used) {
        CcClientEvent e;
        synchronized (this) {
            e = quotas.use(ratingGroup, used, config.quotaThreshold());
            if (e == null) {
                return false;
            }
        }
        return fire(e);
    }

    /** A Re-Auth-Request for this session (RFC 4006 §5.5): the RAA to send back. */
    public synchronized DiameterMessage onReAuthRequest(
            DiameterMessage rar, LongFunction<DiameterMessage> answer) {
        pendingRaa = null;
        if (state == CcClientState.IDLE) {
            return answer.apply(ResultCodes.DIAMETER_UNKNOWN_SESSION_ID);
        }
        if (CcClientTransitionTable.lookup(state, CcClientEvent.RAR_RECEIVED) == null) {
            LOG.log(
                    Level.INFO,
                    sessionId + ": RAR in state " + state + " is not expected (RFC 4006 §7)");
            return answer.apply(ResultCodes.DIAMETER_UNABLE_TO_COMPLY);
        }
        pendingRaa = answer.apply(ResultCodes.DIAMETER_SUCCESS);
        fire(CcClientEvent.RAR_RECEIVED);
        DiameterMessage raa = pendingRaa;
        pendingRaa = null;
        return raa;
    }

    // ---- the machine --------------------------------------------------------------------------

    private CompletableFuture<CcOutcome> fireWith(CcClientEvent e) {
        CompletableFuture<CcOutcome> f = new CompletableFuture<>();
        synchronized (this) {
            waiters.arrive(f);
            if (!fire(e)) {
                waiters.leave(f);
                f.complete(
                        new CcOutcome(
                                CcOutcome.Kind.REJECTED,
                                null,
                                "no transition for "
                                        + e
                                        + " in state "
                                        + state
                                        + " (RFC 4006 §7)"));
            } else if (waiters.leave(f)) {
                // The row had no action for the caller (e.g. a change of rating while terminating):
                // the caller hears when the pending request ends.
                if (inFlight != null) {
                    inFlight.waiters.add(f);
                } else {
                    f.complete(
                            new CcOutcome(
                                    CcOutcome.Kind.ENDED,
                                    answers.lastAnswer(),
                                    "session in state " + state));
                }
            }
            waiters.forgetIncoming();
        }
        return f;
    }

    /** Runs the row for (state, e); false when there is none. */
    private synchronized boolean fire(CcClientEvent e) {
        firing++;
        try {
            return fireNow(e);
        } finally {
            if (--firing == 0) {
                Runnable r;
                while ((r = deferred.poll()) != null) {
                    r.run();
                }
            }
        }
    }

    /**
     * True (and {@code r} queued) when called inside a transition: e.g. an answer completed at
     * once.
     */
    private boolean deferred(Runnable r) {
        if (firing > 0) {
            deferred.add(r);
            return true;
        }
        return false;
    }

    private boolean fireNow(CcClientEvent e) {
        CcClientTransitionTable.Transition t = CcClientTransitionTable.lookup(state, e);
        if (t == null) {
            LOG.log(Level.DEBUG, sessionId + ": event " + e + " not expected in state " + state);
            return false;
        }
        CcClientState from = state;
        for (CcClientAction a : t.actions()) {
            perform(a);
        }
        state = t.next();
        listener.stateChanged(this, from, state, e);
        if (state == CcClientState.IDLE) {
            clear();
        } else if (state == CcClientState.OPEN) {
            CcClientEvent queued = waiters.dequeue();
            if (queued != null) {
                fire(queued);
            }
        }
        return true;
    }

    private void perform(CcClientAction a) {
        switch (a) {
            case SEND_INITIAL -> send(CcRequestType.INITIAL_REQUEST);
            case SEND_UPDATE -> send(CcRequestType.UPDATE_REQUEST);
            case SEND_TERMINATION -> send(CcRequestType.TERMINATION_REQUEST);
            case SEND_EVENT -> send(CcRequestType.EVENT_REQUEST);
            case SEND_STORED -> {
                if (stored != null) {
                    dispatch(requests.again(stored, server));
                }
            }
            case SEND_RAA -> {
                // The RAA is the handler's answer (onReAuthRequest); it is sent before the update
                // because the handler's future completes before this session sends anything else.
            }
            case START_TX -> {
                if (inFlight != null) {
                    inFlight.startTx(timers, config.tx(), this::txExpired);
                }
            }
            case STOP_TX -> {
                if (inFlight != null) {
                    inFlight.stopTx();
                }
            }
            case GRANT_SERVICE -> {
                CcOutcome o = answers.granted();
                waiters.complete(inFlight, o);
                listener.serviceGranted(this, o);
            }
            case TERMINATE_SERVICE -> {
                CcOutcome o = answers.outcome(CcOutcome.Kind.TERMINATED);
                waiters.complete(inFlight, o);
                listener.serviceTerminated(this, o);
            }
            case INDICATE_SERVICE_ERROR ->
                    waiters.complete(inFlight, answers.outcome(CcOutcome.Kind.SERVICE_ERROR));
            case QUEUE_TERMINATION -> waiters.queueTermination();
            case QUEUE_RATING_CHANGE -> waiters.queueRatingChange();
            case STORE_REQUEST, STORE_REQUEST_WITH_T_FLAG -> {
                if (inFlight != null) {
                    stored = CcRequests.copy(inFlight.request, null);
                    stored.setFlag(
                            DiameterMessage.FLAG_RETRANSMIT,
                            a == CcClientAction.STORE_REQUEST_WITH_T_FLAG);
                }
                waiters.complete(inFlight, answers.outcome(CcOutcome.Kind.STORED));
            }
            case DELETE_REQUEST -> stored = null;
            default -> throw new IllegalStateException("unknown action " + a);
        }
    }

    /** Idle: the session and its variables are cleared (RFC 4006 §7); every future completes. */
    private void clear() {
        CcOutcome ended = answers.ended();
        if (inFlight != null) {
            inFlight.stopTx();
            inFlight.complete(ended);
            inFlight = null;
        }
        waiters.endAll(ended);
        quotas.clear();
    }

    private RequestedAction requestedAction() {
        return eventAction == null ? RequestedAction.DIRECT_DEBITING : eventAction;
    }

    // ---- sending and answers ------------------------------------------------------------------

    private void send(CcRequestType type) {
        CcInFlight f =
                requests.next(
                        type, server, timers.instant(), quotas, requestedAction(), eventContent);
        if (type == CcRequestType.UPDATE_REQUEST || type == CcRequestType.TERMINATION_REQUEST) {
            quotas.cancelValidity();
        }
        dispatch(f);
    }

    /** The request becomes the pending one, carrying the incoming callers, and goes out. */
    private void dispatch(CcInFlight f) {
        waiters.handTo(f);
        inFlight = f;
        requests.transmit(f);
    }

    private synchronized void answered(
            CcInFlight f, int attempt, DiameterMessage answer, Throwable error) {
        if (deferred(() -> answered(f, attempt, answer, error))) {
            return;
        }
        if (inFlight != f) {
            return; // late: the session moved on
        }
        CreditControlAnswer cca = answer == null ? null : CreditControlAnswer.of(d, answer);
        Result r = CcFailureHandling.classify(cca, error);
        if (attempt != f.attempt && r != Result.SUCCESS) {
            return; // the primary's failure after we already moved to the alternate
        }
        answers.answered(cca, error);
        if ((r == Result.FAILURE_TO_SEND || r == Result.TEMPORARY_ERROR)
                && requests.failover(f, r, cca, answers)) {
            return;
        }
        if (r == Result.SUCCESS) {
            server = f.peer;
            if (f.type == CcRequestType.INITIAL_REQUEST || f.type == CcRequestType.UPDATE_REQUEST) {
                quotas.take(cca);
            }
        }
        fire(
                CcFailureHandling.answerEvent(
                        state, r, answers.ccfh(), answers.ddfh(), requestedAction(), f.txExpired));
    }

    private synchronized void txExpired(CcInFlight f) {
        if (deferred(() -> txExpired(f))) {
            return;
        }
        if (inFlight != f || f.txExpired) {
            return;
        }
        f.txExpired = true;
        answers.noAnswer(
                "Tx expired after "
                        + config.tx().toMillis()
                        + " ms without an answer from "
                        + (f.peer == null ? "the credit-control server" : f.peer));
        CcClientEvent e =
                CcFailureHandling.txExpiredEvent(state, answers.ccfh(), requestedAction());
        if (e != null) {
            fire(e);
        }
    }

    private synchronized void validityElapsed(CcQuotas.Quota q, Timers.Timer t) {
        if (deferred(() -> validityElapsed(q, t))) {
            return;
        }
        if (quotas.expire(q, t)) {
            fire(CcClientEvent.VALIDITY_TIME_ELAPSED);
        }
    }

    @Override
    public synchronized String toString() {
        return "GyClientSession "
                + sessionId
                + " "
                + state
                + " (next CC-Request-Number "
                + requests.nextNumber()
                + ")";
    }
}
