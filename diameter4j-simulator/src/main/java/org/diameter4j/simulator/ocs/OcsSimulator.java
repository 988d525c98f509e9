package org.diameter4j.simulator.ocs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.RecentAnswers;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.GyConstants;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.RequestedAction;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.gy.server.GyServerSessions;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.RequestContext;
import org.diameter4j.peer.Timers;
import org.diameter4j.session.SessionStoreFullException;

/**
 * An online charging system for Gy/Ro (M-13), served on a {@link DiameterNode} (application 4,
 * command 272):
 *
 * <ul>
 *   <li>INITIAL / UPDATE: per MSCC (or the command-level RSU) reserves min(requested, balance,
 *       chunk) for that session and rating group, and answers GSU, Validity-Time. The chunk ({@code
 *       max-grant}) defaults to what real OCSs grant, 10 MB / 600 s / 10 units, so concurrent
 *       sessions of one subscriber share its balance; an empty Requested-Service-Unit gets one
 *       chunk of octets. UPDATE and TERMINATE first charge the USU against the reservation of the
 *       rating group and return the rest.
 *   <li>A reservation not reported on within its Validity-Time is released (RFC 4006 §8.33);
 *       TERMINATE, or Tcc expiry without a CCR (RFC 4006 §13), releases every reservation of the
 *       session. See {@link OcsSession}.
 *   <li>4012 DIAMETER_CREDIT_LIMIT_REACHED per MSCC when nothing can be granted, and at command
 *       level when all MSCCs fail; 5030 DIAMETER_USER_UNKNOWN for an unknown subscriber without a
 *       default balance; 5002 for an unknown session.
 *   <li>EVENT: DIRECT_DEBITING debits the requested units at once (all or nothing, 4012);
 *       REFUND_ACCOUNT credits them; CHECK_BALANCE answers Check-Balance-Result; PRICE_ENQUIRY
 *       answers Cost-Information (1 unit of currency per unit).
 *   <li>Duplicates (same Session-Id and CC-Request-Number, e.g. a T-flagged retransmission) get the
 *       first answer again and are not charged twice.
 *   <li>The simulator {@link org.diameter4j.simulator.Rules} are applied per command and subscriber
 *       first (result code, delay, drop, close).
 * </ul>
 *
 * Balances are exact under concurrency: each account is updated atomically.
 */
public final class OcsSimulator implements AutoCloseable {
    private static final int KINDS = 3;

    private final OcsConfig config;
    private final Dictionary d;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final GyServerSessions<OcsSession> sessions;
    private final Timers timers;
    private final Duration validity; // of every grant, or null
    // Answers to EVENT requests by Session-Id + CC-Request-Number (RFC 4006 §5.1), kept as bytes
    // in preallocated segments: no object per request for the garbage collector (issue 10). The
    // key is a 64-bit hash of the two; the Session-Id and CC-Request-Number are kept with the
    // answer and compared on a hit, so a collision is a miss, never another request's answer.
    private final RecentAnswers eventAnswers = new RecentAnswers(100_000, Long.MAX_VALUE / 4);

    public OcsSimulator(OcsConfig config, Dictionary dictionary, DiameterNode node, Timers timers) {
        this.config = config;
        this.d = dictionary;
        this.timers = timers;
        this.validity =
                config.validityTime() == null ? null : Duration.ofSeconds(config.validityTime());
        config.subscribers().forEach((id, b) -> accounts.put(id, new Account(id, b)));
        this.sessions =
                new GyServerSessions<>(
                        node,
                        timers,
                        config.tcc(),
                        (id, s) -> {
                            if (s != null) {
                                s.releaseAll();
                            }
                        },
                        config.maxSessions());
    }

    /** Stops the session sweep timer. */
    @Override
    public void close() {
        sessions.close();
    }

    /** Creates the simulator and registers its CCR handler on {@code node}. */
    public static OcsSimulator register(DiameterNode node, OcsConfig config) {
        return register(node, config, Timers.system());
    }

    /**
     * As {@link #register(DiameterNode, OcsConfig)}, with Tcc and Validity-Time on {@code timers}
     * (a {@link org.diameter4j.peer.ManualTimers} in tests).
     */
    public static OcsSimulator register(DiameterNode node, OcsConfig config, Timers timers) {
        OcsSimulator ocs = new OcsSimulator(config, node.dictionary(), node, timers);
        node.handleOnEventLoop(
                GyConstants.APPLICATION_ID, GyConstants.CCR, ocs::handle); // memory only
        return ocs;
    }

    /** The server sessions: RAR / ASR towards clients, Tcc. */
    public GyServerSessions<?> sessions() {
        return sessions;
    }

    /** The account of a subscriber (known, or created from the default), or null. */
    public Account account(String subscriber) {
        return accounts.get(subscriber);
    }

    private Account accountFor(String subscriber) {
        if (subscriber == null) {
            return null;
        }
        Account a = accounts.get(subscriber);
        if (a == null && config.defaultBalance() != null) {
            a = accounts.computeIfAbsent(subscriber, s -> new Account(s, config.defaultBalance()));
        }
        return a;
    }

    // ---- handling -----------------------------------------------------------------------------

    public CompletableFuture<DiameterMessage> handle(DiameterMessage req, RequestContext ctx) {
        String subscriber = subscriber(req);
        Avp t = d.get(req, "CC-Request-Type");
        String type = t == null ? null : ruleName(CcRequestType.of(t.asInt32()));
        return config.rules()
                .apply(
                        req,
                        ctx,
                        "CCR",
                        subscriber,
                        type,
                        () -> CompletableFuture.completedFuture(process(req, ctx, subscriber)))
                .thenApply(a -> completeCca(a, req));
    }

    /** Rule answers are generic: add what a CCA must carry. */
    private DiameterMessage completeCca(DiameterMessage a, DiameterMessage req) {
        if (d.get(a, "Auth-Application-Id") == null) {
            a.add(d.avp("Auth-Application-Id", GyConstants.APPLICATION_ID));
        }
        for (String n : List.of("CC-Request-Type", "CC-Request-Number")) {
            Avp v = d.get(req, n);
            if (d.get(a, n) == null && v != null) {
                a.add(v);
            }
        }
        return a;
    }

    /** The E.164 Subscription-Id, else the first Subscription-Id, else User-Name. */
    String subscriber(DiameterMessage req) {
        var def = d.avp("Subscription-Id");
        String first = null;
        for (Avp s : req.avps().findAll(def.code(), def.vendorId())) {
            Avp type = d.get(s, "Subscription-Id-Type");
            Avp data = d.get(s, "Subscription-Id-Data");
            if (data == null) {
                continue;
            }
            if (type != null && type.asInt32() == 0) {
                return data.asUtf8();
            }
            if (first == null) {
                first = data.asUtf8();
            }
        }
        if (first != null) {
            return first;
        }
        Avp u = d.get(req, "User-Name");
        return u == null ? null : u.asUtf8();
    }

    /**
     * The request type as the rules name it (INITIAL, UPDATE, TERMINATE, EVENT; docs/simulators).
     */
    private static String ruleName(CcRequestType t) {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case INITIAL_REQUEST -> "INITIAL";
            case UPDATE_REQUEST -> "UPDATE";
            case TERMINATION_REQUEST -> "TERMINATE";
            case EVENT_REQUEST -> "EVENT";
        };
    }

    private DiameterMessage process(DiameterMessage req, RequestContext ctx, String subscriber) {
        String sid = d.get(req, "Session-Id").asUtf8();
        CcRequestType type = CcRequestType.of(d.get(req, "CC-Request-Type").asInt32());
        long number = d.get(req, "CC-Request-Number").asUnsigned32();
        String peer = ctx.peerName();
        Avp oh = d.get(req, "Origin-Host");
        String clientHost = oh == null ? peer : oh.asUtf8();
        List<MsccRequest> msccs = msccs(req);

        if (type == CcRequestType.EVENT_REQUEST) {
            return event(req, ctx, subscriber, sid, number, msccs);
        }
        OcsSession s;
        if (type == CcRequestType.INITIAL_REQUEST) {
            OcsSession existing = sessions.get(sid);
            if (existing == null) {
                Account acc = accountFor(subscriber);
                if (acc == null) {
                    return ctx.errorAnswer(
                            req,
                            GyConstants.DIAMETER_USER_UNKNOWN,
                            "subscriber " + subscriber + " is not known to this OCS",
                            null);
                }
                try {
                    s =
                            sessions.touch(
                                    sid,
                                    peer,
                                    clientHost,
                                    x -> x != null ? x : new OcsSession(subscriber, acc));
                } catch (SessionStoreFullException full) {
                    // RFC 6733 §7.1.5: a resource limit, not the request's fault.
                    return ctx.errorAnswer(
                            req,
                            ResultCodes.DIAMETER_RESOURCES_EXCEEDED,
                            full.getMessage() + " (max-sessions " + config.maxSessions() + ")",
                            null);
                }
            } else {
                s = sessions.touch(sid, peer, clientHost, x -> x);
            }
        } else {
            if (sessions.get(sid) == null) {
                return ctx.errorAnswer(
                        req,
                        ResultCodes.DIAMETER_UNKNOWN_SESSION_ID,
                        "no credit-control session "
                                + sid
                                + " (never started, terminated, or released by Tcc)",
                        null);
            }
            s =
                    type == CcRequestType.TERMINATION_REQUEST
                            ? sessions.remove(sid)
                            : sessions.touch(sid, peer, clientHost, x -> x);
            if (s == null) {
                return ctx.errorAnswer(
                        req,
                        ResultCodes.DIAMETER_UNKNOWN_SESSION_ID,
                        "no credit-control session " + sid,
                        null);
            }
        }
        synchronized (s) {
            Iterable<Avp> last = number == s.lastNumber ? s.lastBody() : null;
            if (last != null) {
                return answer(req, ctx, s.lastResult, last); // duplicate (RFC 4006 §5.7)
            }
            if (number < s.lastNumber) {
                return ctx.errorAnswer(
                        req,
                        ResultCodes.DIAMETER_UNABLE_TO_COMPLY,
                        "CC-Request-Number " + number + " is older than " + s.lastNumber,
                        null);
            }
            List<Avp> body = new ArrayList<>();
            long rc =
                    switch (type) {
                        case INITIAL_REQUEST, UPDATE_REQUEST ->
                                interrogate(
                                        s,
                                        msccs,
                                        type == CcRequestType.UPDATE_REQUEST,
                                        d.get(req, "Multiple-Services-Credit-Control") == null,
                                        body);
                        default -> terminate(s, msccs);
                    };
            s.lastNumber = number;
            s.lastResult = rc;
            s.lastBody(body);
            return answer(req, ctx, rc, body);
        }
    }

    private List<MsccRequest> msccs(DiameterMessage req) {
        List<MsccRequest> out = new ArrayList<>();
        var def = d.avp("Multiple-Services-Credit-Control");
        for (Avp a : req.avps().findAll(def.code(), def.vendorId())) {
            out.add(MsccRequest.from(d, a));
        }
        if (out.isEmpty()) {
            ServiceUnits rsu = ServiceUnits.from(d, d.get(req, "Requested-Service-Unit"));
            ServiceUnits usu = ServiceUnits.from(d, d.get(req, "Used-Service-Unit"));
            if (rsu != null || usu != null) {
                out.add(
                        new MsccRequest(
                                null, List.of(), rsu, usu)); // command level: answered without MSCC
            }
        }
        return out;
    }

    private static long key(Long rg) {
        return rg == null ? OcsSession.COMMAND_LEVEL : rg;
    }

    private static long[] amounts(ServiceUnits u) {
        long[] a = new long[KINDS];
        if (u != null) {
            a[Account.OCTETS] = u.octetsTotal() == null ? 0 : u.octetsTotal();
            a[Account.SECONDS] = u.time() == null ? 0 : u.time();
            a[Account.UNITS] = u.serviceSpecificUnits() == null ? 0 : u.serviceSpecificUnits();
        }
        return a;
    }

    /** Charges the USU of the MSCC against its reservation; the rest goes back. */
    private static void charge(OcsSession s, MsccRequest m) {
        s.charge(key(m.ratingGroup()), amounts(m.used()));
    }

    private long interrogate(
            OcsSession s,
            List<MsccRequest> msccs,
            boolean update,
            boolean commandLevel,
            List<Avp> body) {
        int asked = 0;
        int failed = 0;
        for (MsccRequest m : msccs) {
            if (update) {
                charge(s, m);
            }
            if (m.requested() == null) {
                continue;
            }
            asked++;
            long[] want = amounts(m.requested());
            boolean empty = want[0] == 0 && want[1] == 0 && want[2] == 0;
            if (empty) {
                // No amount asked (RFC 4006 §8.18): the OCS decides; one chunk of volume.
                want[Account.OCTETS] = config.maxGrant().octets();
            }
            long[] got = new long[KINDS];
            boolean ok = true;
            for (int k = 0; k < KINDS; k++) {
                if (want[k] > 0) {
                    got[k] = s.account.reserve(k, want[k], config.maxGrant().get(k));
                    ok &= got[k] > 0;
                }
            }
            if (!ok) {
                for (int k = 0; k < KINDS; k++) {
                    if (got[k] > 0) {
                        s.account.release(k, got[k]);
                    }
                }
                failed++;
                if (!commandLevel) {
                    body.add(msccAnswer(m, GyConstants.DIAMETER_CREDIT_LIMIT_REACHED, null));
                }
                continue;
            }
            s.hold(key(m.ratingGroup()), got, validity, timers);
            ServiceUnits gsu =
                    new ServiceUnits(
                            m.requested().time() != null ? got[Account.SECONDS] : null,
                            m.requested().octetsTotal() != null || empty
                                    ? got[Account.OCTETS]
                                    : null,
                            null,
                            null,
                            m.requested().serviceSpecificUnits() != null
                                    ? got[Account.UNITS]
                                    : null);
            if (commandLevel) {
                body.add(gsu.toAvp(d, "Granted-Service-Unit"));
                if (config.validityTime() != null) {
                    body.add(d.avp("Validity-Time", config.validityTime()));
                }
            } else {
                body.add(msccAnswer(m, ResultCodes.DIAMETER_SUCCESS, gsu));
            }
        }
        return asked > 0 && failed == asked
                ? GyConstants.DIAMETER_CREDIT_LIMIT_REACHED
                : ResultCodes.DIAMETER_SUCCESS;
    }

    private Avp msccAnswer(MsccRequest m, long rc, ServiceUnits gsu) {
        List<Avp> c = new ArrayList<>();
        if (gsu != null) {
            c.add(gsu.toAvp(d, "Granted-Service-Unit"));
        }
        for (Long sid : m.serviceIdentifiers()) {
            c.add(d.avp("Service-Identifier", sid));
        }
        if (m.ratingGroup() != null) {
            c.add(d.avp("Rating-Group", m.ratingGroup()));
        }
        if (gsu != null && config.validityTime() != null) {
            c.add(d.avp("Validity-Time", config.validityTime()));
        }
        c.add(d.avp("Result-Code", rc));
        return d.grouped("Multiple-Services-Credit-Control", c.toArray(new Avp[0]));
    }

    private long terminate(OcsSession s, List<MsccRequest> msccs) {
        for (MsccRequest m : msccs) {
            charge(s, m);
        }
        s.releaseAll();
        return ResultCodes.DIAMETER_SUCCESS;
    }

    private DiameterMessage event(
            DiameterMessage req,
            RequestContext ctx,
            String subscriber,
            String sid,
            long number,
            List<MsccRequest> msccs) {
        long dupKey = eventKey(sid, number);
        List<Avp> cached = cachedEvent(dupKey, sid, number);
        if (cached != null) {
            return answer(req, ctx, cached.get(0).asUnsigned32(), cached.subList(1, cached.size()));
        }
        Account acc = accountFor(subscriber);
        if (acc == null) {
            return ctx.errorAnswer(
                    req,
                    GyConstants.DIAMETER_USER_UNKNOWN,
                    "subscriber " + subscriber + " is not known to this OCS",
                    null);
        }
        Avp ra = d.get(req, "Requested-Action");
        RequestedAction action =
                ra == null ? RequestedAction.DIRECT_DEBITING : RequestedAction.of(ra.asInt32());
        List<Avp> body = new ArrayList<>();
        long rc = ResultCodes.DIAMETER_SUCCESS;
        switch (action) {
            case DIRECT_DEBITING -> {
                int failed = 0;
                for (MsccRequest m : msccs) {
                    long[] want = amounts(m.requested());
                    boolean ok = acc.debit(want);
                    if (!ok) {
                        failed++;
                    }
                    body.add(
                            msccAnswer(
                                    m,
                                    ok
                                            ? ResultCodes.DIAMETER_SUCCESS
                                            : GyConstants.DIAMETER_CREDIT_LIMIT_REACHED,
                                    ok ? m.requested() : null));
                }
                if (!msccs.isEmpty() && failed == msccs.size()) {
                    rc = GyConstants.DIAMETER_CREDIT_LIMIT_REACHED;
                }
            }
            case REFUND_ACCOUNT -> {
                for (MsccRequest m : msccs) {
                    acc.refund(amounts(m.requested()));
                }
            }
            case CHECK_BALANCE -> {
                long[] total = new long[KINDS];
                for (MsccRequest m : msccs) {
                    long[] a = amounts(m.requested());
                    for (int k = 0; k < KINDS; k++) {
                        total[k] += a[k];
                    }
                }
                boolean enough =
                        msccs.isEmpty() ? !acc.available().equals(Balance.ZERO) : acc.covers(total);
                body.add(d.avp("Check-Balance-Result", enough ? "ENOUGH_CREDIT" : "NO_CREDIT"));
            }
            case PRICE_ENQUIRY -> {
                long units = 0;
                for (MsccRequest m : msccs) {
                    long[] a = amounts(m.requested());
                    units += a[0] + a[1] + a[2];
                }
                body.add(
                        d.grouped(
                                "Cost-Information",
                                d.grouped("Unit-Value", d.avp("Value-Digits", units)),
                                d.avp("Currency-Code", 978)));
            }
            default -> throw new IllegalStateException();
        }
        DiameterMessage container = new DiameterMessage(0, 0, 0, 0, 0);
        container.add(d.avp("Session-Id", sid));
        container.add(d.avp("CC-Request-Number", number));
        container.add(d.avp("Result-Code", rc));
        body.forEach(container::add);
        synchronized (eventAnswers) {
            if (eventAnswers.find(dupKey, 0) < 0) {
                eventAnswers.remember(dupKey, 0);
                eventAnswers.answer(dupKey, container);
            }
        }
        return answer(req, ctx, rc, body);
    }

    /** The Result-Code and body of the answer to an earlier EVENT request, or null. */
    private List<Avp> cachedEvent(long key, String sid, long number) {
        DiameterMessage m;
        synchronized (eventAnswers) {
            int slot = eventAnswers.find(key, 0);
            if (slot < 0 || !eventAnswers.isAnswered(slot)) {
                return null;
            }
            m = eventAnswers.answerAt(slot);
        }
        List<Avp> avps = m.avps().toList();
        if (avps.size() < 3
                || !sid.equals(avps.get(0).asUtf8())
                || avps.get(1).asUnsigned32() != number) {
            return null; // another request with the same hash
        }
        return avps.subList(2, avps.size());
    }

    /** A 64-bit FNV-1a hash of Session-Id and CC-Request-Number. */
    static long eventKey(String sid, long number) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < sid.length(); i++) {
            h = (h ^ sid.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ number) * 0x100000001b3L;
        h ^= h >>> 29;
        return h == Long.MIN_VALUE ? 0 : h;
    }

    private DiameterMessage answer(
            DiameterMessage req, RequestContext ctx, long rc, Iterable<Avp> body) {
        // ctx.answer already echoes Auth-Application-Id, CC-Request-Type and CC-Request-Number
        // from the request; completeCca adds only what is missing: each is { AVP } in the CCA
        // grammar (RFC 4006 §3.2), exactly once (issue 9: Erlang rejected the CCA carrying them
        // twice).
        DiameterMessage a = completeCca(ctx.answer(req, rc), req);
        if (config.sessionFailover() != null) {
            a.add(
                    d.avp(
                            "CC-Session-Failover",
                            config.sessionFailover()
                                    ? "FAILOVER_SUPPORTED"
                                    : "FAILOVER_NOT_SUPPORTED"));
        }
        body.forEach(a::add);
        if (config.failureHandling() != null) {
            a.add(d.avp("Credit-Control-Failure-Handling", config.failureHandling().name()));
        }
        return a;
    }

    /** Sends a RAR to the client of a session (RFC 4006 §5.5). */
    public CompletableFuture<DiameterMessage> reAuth(String sessionId) {
        return sessions.reAuth(sessionId, Duration.ofSeconds(10));
    }

    /** Sends an ASR to the client of a session. */
    public CompletableFuture<DiameterMessage> abort(String sessionId) {
        return sessions.abort(sessionId, Duration.ofSeconds(10));
    }

    public int sessionCount() {
        return sessions.size();
    }
}
