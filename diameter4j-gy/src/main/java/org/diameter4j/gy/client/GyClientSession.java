package org.diameter4j.gy.client;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.CreditControlRequests;
import org.diameter4j.gy.DirectDebitingFailureHandling;
import org.diameter4j.gy.FailureHandling;
import org.diameter4j.gy.GyConstants;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.RequestedAction;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.gy.time.CcScheduler;

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
 */
public final class GyClientSession {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.gy");

    private final String sessionId;
    private final String subscriber;
    private final GyClientConfig config;
    private final CcTransport transport;
    private final CcScheduler scheduler;
    private final Dictionary d;
    private final GyClientListener listener;
    private final List<MsccRequest> templates;

    private CcClientState state = CcClientState.IDLE;
    private long nextNumber;
    private FailureHandling ccfh;
    private DirectDebitingFailureHandling ddfh;
    private Boolean failoverSupported;
    private String server;
    private final Map<Long, Quota> quotas = new LinkedHashMap<>();
    private final List<CompletableFuture<CcOutcome>> incoming = new ArrayList<>();
    private final List<CompletableFuture<CcOutcome>> queuedTermination = new ArrayList<>();
    private final List<CompletableFuture<CcOutcome>> queuedRatingChange = new ArrayList<>();
    private boolean terminationQueued;
    private boolean ratingChangeQueued;
    private InFlight inFlight;
    private CreditControlAnswer lastAnswer;
    private String lastReason;
    private RequestedAction eventAction;
    private Consumer<CreditControlRequests.Builder> eventContent;
    private DiameterMessage stored;
    private DiameterMessage pendingRaa;
    private final List<DiameterMessage> sent = new ArrayList<>();

    /** Depth of fire() on this thread; answers that arrive inside a transition wait for its end. */
    private int firing;

    private final java.util.ArrayDeque<Runnable> deferred = new java.util.ArrayDeque<>();

    private static final class Quota {
        ServiceUnits granted;
        CreditControlAnswer.FinalUnitAction finalAction;
        ServiceUnits usedSinceReport;
        CcScheduler.Timer validity;
    }

    /** A request waiting for its answer. */
    private final class InFlight {
        final CcRequestType type;
        DiameterMessage request;
        String peer;
        int attempt;
        boolean alternateTried;
        boolean txExpired;
        CcScheduler.Timer tx;
        final List<CompletableFuture<CcOutcome>> waiters = new ArrayList<>();

        InFlight(CcRequestType type) {
            this.type = type;
        }
    }

    private enum Result {
        SUCCESS,
        FAILURE_TO_SEND,
        TEMPORARY_ERROR,
        DENIED,
        USER_UNKNOWN,
        NOT_APPLICABLE,
        FAILED_ANSWER
    }

    GyClientSession(
            String sessionId,
            String subscriber,
            List<MsccRequest> templates,
            GyClientConfig config,
            CcTransport transport,
            CcScheduler scheduler,
            Dictionary d,
            GyClientListener listener) {
        this.sessionId = sessionId;
        this.subscriber = subscriber;
        this.templates = List.copyOf(templates);
        this.config = config;
        this.transport = transport;
        this.scheduler = scheduler;
        this.d = d;
        this.listener = listener == null ? GyClientListener.NONE : listener;
        this.ccfh = config.failureHandling();
        this.ddfh = config.directDebitingFailureHandling();
        this.server = config.primaryServer();
    }

    /** A stand-alone session (state machine tests, custom transports). */
    public static GyClientSession create(
            String sessionId,
            String subscriber,
            List<MsccRequest> msccs,
            GyClientConfig config,
            CcTransport transport,
            CcScheduler scheduler,
            Dictionary d,
            GyClientListener listener) {
        return new GyClientSession(
                sessionId, subscriber, msccs, config, transport, scheduler, d, listener);
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
        return ccfh;
    }

    /** The server the session talks to now (changes after a successful failover). */
    public synchronized String server() {
        return server;
    }

    /** Every request sent, retransmissions included, in order. */
    public synchronized List<DiameterMessage> sentRequests() {
        return List.copyOf(sent);
    }

    /** The event request stored for later (RFC 4006 §6.5), or null. */
    public synchronized DiameterMessage storedRequest() {
        return stored;
    }

    /** The units granted per rating group (key -1: command level), as last granted. */
    public synchronized Map<Long, ServiceUnits> grants() {
        Map<Long, ServiceUnits> m = new LinkedHashMap<>();
        quotas.forEach((k, q) -> m.put(k, q.granted));
        return m;
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
            Quota q = quotas.get(key(ratingGroup));
            if (q == null) {
                q = new Quota();
                quotas.put(key(ratingGroup), q);
            }
            q.usedSinceReport = q.usedSinceReport == null ? used : q.usedSinceReport.plus(used);
            if (q.granted == null || !elapsed(q)) {
                return false;
            }
            e =
                    q.finalAction == CreditControlAnswer.FinalUnitAction.TERMINATE
                            ? CcClientEvent.GRANTED_UNIT_ELAPSED_FINAL_TERMINATE
                            : CcClientEvent.GRANTED_UNIT_ELAPSED;
        }
        return fire(e);
    }

    private boolean elapsed(Quota q) {
        double t = q.finalAction != null ? 1.0 : config.quotaThreshold();
        ServiceUnits g = q.granted;
        ServiceUnits u = q.usedSinceReport;
        return reached(g.time(), u.time(), t)
                || reached(g.octetsTotal(), u.octetsTotal(), t)
                || reached(g.serviceSpecificUnits(), u.serviceSpecificUnits(), t);
    }

    private static boolean reached(Long granted, Long used, double threshold) {
        return granted != null && used != null && used >= Math.ceil(granted * threshold);
    }

    private static long key(Long ratingGroup) {
        return ratingGroup == null ? -1 : ratingGroup;
    }

    /** A Re-Auth-Request for this session (RFC 4006 §5.5): the RAA to send back. */
    public synchronized DiameterMessage onReAuthRequest(
            DiameterMessage rar, java.util.function.LongFunction<DiameterMessage> answer) {
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
            incoming.add(f);
            if (!fire(e)) {
                incoming.remove(f);
                f.complete(
                        new CcOutcome(
                                CcOutcome.Kind.REJECTED,
                                null,
                                "no transition for "
                                        + e
                                        + " in state "
                                        + state
                                        + " (RFC 4006 §7)"));
            } else if (incoming.remove(f)) {
                // The row had no action for the caller (e.g. a change of rating while terminating):
                // the caller hears when the pending request ends.
                if (inFlight != null) {
                    inFlight.waiters.add(f);
                } else {
                    f.complete(
                            new CcOutcome(
                                    CcOutcome.Kind.ENDED, lastAnswer, "session in state " + state));
                }
            }
            incoming.clear();
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
            if (terminationQueued) {
                terminationQueued = false;
                incoming.addAll(queuedTermination);
                queuedTermination.clear();
                fire(CcClientEvent.TERMINATION_IN_QUEUE);
            } else if (ratingChangeQueued) {
                ratingChangeQueued = false;
                incoming.addAll(queuedRatingChange);
                queuedRatingChange.clear();
                fire(CcClientEvent.RATING_CHANGE_IN_QUEUE);
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
            case SEND_STORED -> sendStoredRequest();
            case SEND_RAA -> {
                // The RAA is the handler's answer (onReAuthRequest); it is sent before the update
                // because the handler's future completes before this session sends anything else.
            }
            case START_TX -> {
                InFlight f = inFlight;
                if (f != null && f.tx == null) {
                    f.tx = scheduler.schedule(config.tx(), () -> txExpired(f));
                }
            }
            case STOP_TX -> {
                if (inFlight != null && inFlight.tx != null) {
                    inFlight.tx.cancel();
                }
            }
            case GRANT_SERVICE -> {
                CcOutcome o =
                        lastAnswer != null && lastAnswer.isSuccess()
                                ? new CcOutcome(CcOutcome.Kind.GRANTED, lastAnswer, describe())
                                : new CcOutcome(
                                        CcOutcome.Kind.GRANTED_ON_FAILURE, lastAnswer, describe());
                completeWaiters(o);
                listener.serviceGranted(this, o);
            }
            case TERMINATE_SERVICE -> {
                CcOutcome o = new CcOutcome(CcOutcome.Kind.TERMINATED, lastAnswer, describe());
                completeWaiters(o);
                listener.serviceTerminated(this, o);
            }
            case INDICATE_SERVICE_ERROR ->
                    completeWaiters(
                            new CcOutcome(CcOutcome.Kind.SERVICE_ERROR, lastAnswer, describe()));
            case QUEUE_TERMINATION -> {
                terminationQueued = true;
                queuedTermination.addAll(incoming);
                incoming.clear();
            }
            case QUEUE_RATING_CHANGE -> {
                ratingChangeQueued = true;
                queuedRatingChange.addAll(incoming);
                incoming.clear();
            }
            case STORE_REQUEST, STORE_REQUEST_WITH_T_FLAG -> {
                if (inFlight != null) {
                    stored = copy(inFlight.request, null);
                    stored.setFlag(
                            DiameterMessage.FLAG_RETRANSMIT,
                            a == CcClientAction.STORE_REQUEST_WITH_T_FLAG);
                }
                completeWaiters(new CcOutcome(CcOutcome.Kind.STORED, lastAnswer, describe()));
            }
            case DELETE_REQUEST -> stored = null;
            default -> throw new IllegalStateException("unknown action " + a);
        }
    }

    private String describe() {
        if (lastReason != null) {
            return lastReason;
        }
        return lastAnswer == null
                ? "no answer"
                : lastAnswer.resultCode() + " " + lastAnswer.resultCodeName();
    }

    private void completeWaiters(CcOutcome o) {
        if (inFlight != null) {
            inFlight.waiters.forEach(w -> w.complete(o));
            inFlight.waiters.clear();
        }
        incoming.forEach(w -> w.complete(o));
        incoming.clear();
    }

    /** Idle: the session and its variables are cleared (RFC 4006 §7); every future completes. */
    private void clear() {
        CcOutcome ended =
                new CcOutcome(CcOutcome.Kind.ENDED, lastAnswer, "session ended: " + describe());
        if (inFlight != null) {
            if (inFlight.tx != null) {
                inFlight.tx.cancel();
            }
            inFlight.waiters.forEach(w -> w.complete(ended));
            inFlight = null;
        }
        incoming.forEach(w -> w.complete(ended));
        incoming.clear();
        queuedTermination.forEach(w -> w.complete(ended));
        queuedTermination.clear();
        queuedRatingChange.forEach(w -> w.complete(ended));
        queuedRatingChange.clear();
        terminationQueued = false;
        ratingChangeQueued = false;
        for (Quota q : quotas.values()) {
            if (q.validity != null) {
                q.validity.cancel();
            }
        }
        quotas.clear();
    }

    // ---- sending ------------------------------------------------------------------------------

    private void send(CcRequestType type) {
        CreditControlRequests.Builder b =
                CreditControlRequests.builder(d)
                        .sessionId(sessionId)
                        .serviceContextId(config.serviceContextId())
                        .requestType(type)
                        .requestNumber(type == CcRequestType.EVENT_REQUEST ? 0 : nextNumber++)
                        .destinationRealm(config.destinationRealm())
                        .eventTimestamp(java.time.Instant.ofEpochMilli(scheduler.nowMillis()));
        if (server != null) {
            b.destinationHost(server);
        }
        if (subscriber != null) {
            b.subscriptionE164(subscriber);
        }
        switch (type) {
            case INITIAL_REQUEST -> {
                b.multipleServicesIndicator(true);
                templates.forEach(b::mscc);
            }
            case UPDATE_REQUEST -> {
                for (MsccRequest t : templates) {
                    b.mscc(
                            t.withUnits(
                                    t.requested() != null ? t.requested() : ServiceUnits.EMPTY,
                                    takeUsed(t.ratingGroup())));
                }
                cancelValidity();
            }
            case TERMINATION_REQUEST -> {
                b.terminationCause("DIAMETER_LOGOUT");
                for (MsccRequest t : templates) {
                    b.mscc(t.withUnits(null, takeUsed(t.ratingGroup())));
                }
                cancelValidity();
            }
            case EVENT_REQUEST -> {
                b.requestedAction(
                        eventAction == null ? RequestedAction.DIRECT_DEBITING : eventAction);
                if (eventContent != null) {
                    eventContent.accept(b);
                }
            }
            default -> throw new IllegalStateException();
        }
        InFlight f = new InFlight(type);
        f.waiters.addAll(incoming);
        incoming.clear();
        f.request = b.build();
        f.peer = server;
        inFlight = f;
        transmit(f);
    }

    private void sendStoredRequest() {
        if (stored == null) {
            return;
        }
        InFlight f = new InFlight(CcRequestType.EVENT_REQUEST);
        f.waiters.addAll(incoming);
        incoming.clear();
        f.request = copy(stored, null);
        f.peer = server;
        inFlight = f;
        transmit(f);
    }

    private ServiceUnits takeUsed(Long ratingGroup) {
        Quota q = quotas.get(key(ratingGroup));
        if (q == null) {
            return null;
        }
        ServiceUnits u = q.usedSinceReport;
        q.usedSinceReport = null;
        return u;
    }

    private void cancelValidity() {
        for (Quota q : quotas.values()) {
            if (q.validity != null) {
                q.validity.cancel();
                q.validity = null;
            }
        }
    }

    private void transmit(InFlight f) {
        int attempt = ++f.attempt;
        DiameterMessage m = f.request;
        sent.add(m);
        CompletableFuture<DiameterMessage> r;
        try {
            r = transport.send(f.peer, m, config.requestTimeout());
        } catch (RuntimeException e) {
            r = CompletableFuture.failedFuture(e);
        }
        r.whenComplete((answer, error) -> answered(f, attempt, answer, error));
    }

    /**
     * A copy for retransmission: same End-to-End identifier, new Hop-by-Hop (the peer assigns it),
     * Destination-Host replaced by {@code newHost} when given.
     */
    private DiameterMessage copy(DiameterMessage m, String newHost) {
        DiameterMessage c =
                new DiameterMessage(m.flags(), m.commandCode(), m.applicationId(), 0, m.endToEnd());
        int dh = d.avp("Destination-Host").code();
        for (Avp a : m.avps()) {
            boolean isDestHost = a.code() == dh && a.vendorId() == 0;
            c.add(isDestHost && newHost != null ? d.avp("Destination-Host", newHost) : a);
        }
        return c;
    }

    /** RFC 4006 §5.7 / §6.5: move the request to the alternate server with the T flag. */
    private boolean failover(InFlight f, Result r, CreditControlAnswer a) {
        String alt = config.alternateServer();
        if (alt == null || f.alternateTried || alt.equalsIgnoreCase(String.valueOf(f.peer))) {
            return false;
        }
        if (r == Result.TEMPORARY_ERROR && a.resultCode() == ResultCodes.DIAMETER_LOOP_DETECTED) {
            return false;
        }
        boolean newSession =
                f.type == CcRequestType.INITIAL_REQUEST || f.type == CcRequestType.EVENT_REQUEST;
        if (!newSession && !Boolean.TRUE.equals(failoverSupported)) {
            return false; // FAILOVER_NOT_SUPPORTED (or not said): MUST NOT move the stream
        }
        f.alternateTried = true;
        DiameterMessage again =
                copy(
                        f.request,
                        f.request.find(d.avp("Destination-Host").code()) != null ? alt : null);
        again.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
        LOG.log(
                Level.INFO,
                sessionId
                        + ": "
                        + f.type
                        + " to "
                        + f.peer
                        + " failed ("
                        + describe()
                        + "); retransmitting to alternate server "
                        + alt
                        + " with the T flag");
        f.request = again;
        f.peer = alt;
        transmit(f);
        return true;
    }

    private synchronized void answered(
            InFlight f, int attempt, DiameterMessage answer, Throwable error) {
        if (deferred(() -> answered(f, attempt, answer, error))) {
            return;
        }
        if (inFlight != f) {
            return; // late: the session moved on
        }
        CreditControlAnswer cca = answer == null ? null : CreditControlAnswer.of(d, answer);
        Result r = classify(cca, error);
        if (attempt != f.attempt && r != Result.SUCCESS) {
            return; // the primary's failure after we already moved to the alternate
        }
        lastAnswer = cca;
        lastReason =
                error != null
                        ? "request failed: " + rootMessage(error)
                        : cca.resultCode() + " " + cca.resultCodeName();
        if (cca != null) {
            if (cca.failureHandling() != null) {
                ccfh = cca.failureHandling();
            }
            if (cca.directDebitingFailureHandling() != null) {
                ddfh = cca.directDebitingFailureHandling();
            }
            if (cca.failoverSupported() != null) {
                failoverSupported = cca.failoverSupported();
            }
        }
        if ((r == Result.FAILURE_TO_SEND || r == Result.TEMPORARY_ERROR) && failover(f, r, cca)) {
            return;
        }
        if (r == Result.SUCCESS) {
            server = f.peer;
            if (f.type == CcRequestType.INITIAL_REQUEST || f.type == CcRequestType.UPDATE_REQUEST) {
                takeGrants(cca);
            }
        }
        fire(eventFor(f, r));
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null
                && (c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException)) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    private static Result classify(CreditControlAnswer cca, Throwable error) {
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

    private CcClientEvent eventFor(InFlight f, Result r) {
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
            case PENDING_E -> eventBased(f, r);
            case PENDING_B ->
                    switch (r) {
                        case SUCCESS -> CcClientEvent.BUFFERED_SUCCESS;
                        case FAILURE_TO_SEND, TEMPORARY_ERROR -> CcClientEvent.BUFFERED_FAILURE;
                        default -> CcClientEvent.BUFFERED_FAILED_ANSWER;
                    };
            default -> CcClientEvent.SUCCESSFUL_ANSWER; // no row in Idle/Open: ignored
        };
    }

    private CcClientEvent eventBased(InFlight f, Result r) {
        if (r == Result.SUCCESS) {
            return CcClientEvent.EVENT_SUCCESS;
        }
        RequestedAction action =
                eventAction == null ? RequestedAction.DIRECT_DEBITING : eventAction;
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
                if (denied && !f.txExpired) {
                    return CcClientEvent.EVENT_DENIED_TX_RUNNING;
                }
                if (ddfh == DirectDebitingFailureHandling.CONTINUE && !f.txExpired) {
                    return CcClientEvent.EVENT_FAILURE_DD_DDFH_CONTINUE;
                }
                if (r == Result.FAILURE_TO_SEND) {
                    return ddfh == DirectDebitingFailureHandling.CONTINUE
                            ? CcClientEvent.EVENT_FAILURE_DD_DDFH_CONTINUE
                            : CcClientEvent.EVENT_FAILURE_TO_SEND_DD_TOB;
                }
                if (!f.txExpired) {
                    return CcClientEvent.EVENT_FAILED_DD_TOB_TX_RUNNING;
                }
                return r == Result.TEMPORARY_ERROR
                        ? CcClientEvent.EVENT_TEMPORARY_ERROR_DD_TOB_TX_EXPIRED
                        : CcClientEvent.EVENT_FAILED_DD_TX_EXPIRED;
            }
        }
    }

    private synchronized void txExpired(InFlight f) {
        if (deferred(() -> txExpired(f))) {
            return;
        }
        if (inFlight != f || f.txExpired) {
            return;
        }
        f.txExpired = true;
        lastAnswer = null;
        lastReason =
                "Tx expired after "
                        + config.tx().toMillis()
                        + " ms without an answer from "
                        + (f.peer == null ? "the credit-control server" : f.peer);
        CcClientEvent e =
                switch (state) {
                    case PENDING_I, PENDING_U ->
                            ccfh == FailureHandling.TERMINATE
                                    ? CcClientEvent.TX_EXPIRED_CCFH_TERMINATE
                                    : CcClientEvent.TX_EXPIRED_CCFH_CONTINUE;
                    case PENDING_T -> CcClientEvent.TX_EXPIRED_TERMINATION;
                    case PENDING_E ->
                            switch (eventAction == null
                                    ? RequestedAction.DIRECT_DEBITING
                                    : eventAction) {
                                case CHECK_BALANCE, PRICE_ENQUIRY ->
                                        CcClientEvent.EVENT_ENQUIRY_FAILED;
                                case REFUND_ACCOUNT ->
                                        CcClientEvent.EVENT_REFUND_FAILURE_TO_SEND_OR_TX_EXPIRED;
                                default -> CcClientEvent.EVENT_TX_EXPIRED_DD;
                            };
                    default -> null;
                };
        if (e != null) {
            fire(e);
        }
    }

    private void takeGrants(CreditControlAnswer cca) {
        Long cmdValidity = cca.validityTime();
        if (cca.granted() != null) {
            grant(-1, cca.granted(), cca.finalUnitAction(), cmdValidity);
        }
        for (CreditControlAnswer.Mscc m : cca.mscc()) {
            if (m.granted() != null
                    && ResultCodes.isSuccess(m.effectiveResultCode(cca.resultCode()))) {
                grant(
                        key(m.ratingGroup()),
                        m.granted(),
                        m.finalUnitAction(),
                        m.validityTime() != null ? m.validityTime() : cmdValidity);
            }
        }
    }

    private void grant(
            long key,
            ServiceUnits granted,
            CreditControlAnswer.FinalUnitAction fua,
            Long validity) {
        Quota q = quotas.computeIfAbsent(key, k -> new Quota());
        q.granted = granted;
        q.finalAction = fua;
        if (q.validity != null) {
            q.validity.cancel();
            q.validity = null;
        }
        if (validity != null && validity > 0) {
            CcScheduler.Timer[] self = new CcScheduler.Timer[1];
            self[0] =
                    scheduler.schedule(
                            java.time.Duration.ofSeconds(validity),
                            () -> validityElapsed(q, self[0]));
            q.validity = self[0];
        }
    }

    private synchronized void validityElapsed(Quota q, CcScheduler.Timer t) {
        if (deferred(() -> validityElapsed(q, t))) {
            return;
        }
        if (q.validity != t || t == null) {
            return;
        }
        q.validity = null;
        fire(CcClientEvent.VALIDITY_TIME_ELAPSED);
    }

    @Override
    public synchronized String toString() {
        return "GyClientSession "
                + sessionId
                + " "
                + state
                + " (next CC-Request-Number "
                + nextNumber
                + ")";
    }
}
