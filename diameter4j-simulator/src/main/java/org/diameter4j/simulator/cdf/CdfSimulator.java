package org.diameter4j.simulator.cdf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.RequestContext;
import org.diameter4j.node.RequestHandler;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.session.SessionStoreFullException;

/**
 * A CDF for Rf offline charging (M-13, 3GPP TS 32.299, RFC 6733 §9): answers every ACR (application
 * 3, command 271) START/INTERIM/STOP/EVENT with an ACA and writes each record durably as one JSON
 * line:
 *
 * <pre>{@code
 * {"time":"2026-11-22T06:20:00.123Z","peer":"pgw.example.com","Session-Id":"pgw.example.com;1;7",
 *  "Accounting-Record-Type":"START_RECORD","Accounting-Record-Number":0,"Origin-Host":"pgw.example.com",
 *  "retransmitted":false,"End-to-End":3054921,"avps":{"Session-Id":"…","Service-Information":{"PS-Information":{…}}}}
 * }</pre>
 *
 * <p>Duplicates — the same Session-Id and Accounting-Record-Number, whether or not a copy carries
 * the T flag, in either order — are written once and every copy gets its ACA 2001. The ACA of a
 * record leaves only after its line is written (and, under {@link FsyncPolicy#ALWAYS}, forced to
 * disk); see {@link RecordLog} for threads, the duplicate index and crash recovery. Answers when
 * the record cannot be stored: 3004 DIAMETER_TOO_BUSY (writer queue full or the CDF closing: the
 * client may send elsewhere) and 4002 DIAMETER_OUT_OF_SPACE (the write failed, RFC 6733 §9.4).
 *
 * <p>The open accounting sessions (START seen, STOP not yet: RFC 6733 §8.2, stateful server) are
 * held in a bounded store, {@link CdfSessions}: a START that would open one more than {@code
 * max-sessions} is answered 5006 DIAMETER_RESOURCES_EXCEEDED and not stored; records of open
 * sessions, INTERIM/STOP records of sessions not open, and EVENT records are served whatever the
 * count. A STOP closes its session; with a session supervision timer Ts ({@link
 * CdfConfig#sessionSupervision()}) so does a silence of Ts.
 *
 * <pre>{@code
 * try (DiameterNode node = DiameterNode.start(NodeConfig.builder("cdf.example.net")
 *         .application(ApplicationId.acct(3)).listen("0.0.0.0:3868").acceptAnyPeer(true).build());
 *      CdfSimulator cdf = CdfSimulator.start(node, CdfConfig.builder(Path.of("records.jsonl")).build())) {
 *     ...
 * }
 * }</pre>
 */
public final class CdfSimulator implements RequestHandler, AutoCloseable {
    public static final long ACCOUNTING_APPLICATION = 3;
    public static final int ACR = 271;

    private final CdfConfig config;
    private final RecordLog log;
    private final CdfSessions sessions;

    /** Opens the record file (recovering it); register with {@link #register}. */
    public CdfSimulator(CdfConfig config) {
        this.config = config;
        this.log =
                RecordLog.open(
                        config.file(),
                        config.fsync(),
                        config.fsyncInterval().toMillis(),
                        config.maxDuplicateEntries(),
                        config.queueCapacity());
        this.sessions =
                new CdfSessions(config.maxSessions(), config.sessionSupervision(), config.timers());
    }

    /**
     * Opens the record file and serves ACRs on {@code node}, which must advertise the accounting
     * application ({@code ApplicationId.acct(3)}) or the relay application.
     */
    public static CdfSimulator start(DiameterNode node, CdfConfig config) {
        CdfSimulator cdf = new CdfSimulator(config);
        return cdf.register(node);
    }

    public CdfSimulator register(DiameterNode node) {
        boolean advertised =
                node.identity().applications().stream()
                        .anyMatch(a -> a.id() == ACCOUNTING_APPLICATION || a.isRelay());
        if (!advertised) {
            throw new IllegalArgumentException(
                    "node "
                            + node.identity().originHost()
                            + " does not advertise the "
                            + "accounting application: add ApplicationId.acct(3) to its configuration");
        }
        node.handle(ACCOUNTING_APPLICATION, ACR, this);
        return this;
    }

    public CdfConfig config() {
        return config;
    }

    public RecordLog.Stats stats() {
        return log.stats();
    }

    /** Accounting sessions open now (at most {@code max-sessions}). */
    public int openSessions() {
        return sessions.size();
    }

    CdfSessions sessions() {
        return sessions;
    }

    @Override
    public CompletableFuture<DiameterMessage> handle(DiameterMessage request, RequestContext ctx) {
        Dictionary d = ctx.dictionary();
        Avp sid = request.find(Names.SESSION_ID, 0);
        Avp type = request.find(Names.ACCOUNTING_RECORD_TYPE, 0);
        Avp number = request.find(Names.ACCOUNTING_RECORD_NUMBER, 0);
        if (sid == null || type == null || number == null) {
            // The node's grammar check answers 5005 first; this guards a dictionary without the ACR
            // grammar.
            String missing =
                    sid == null
                            ? "Session-Id"
                            : type == null ? "Accounting-Record-Type" : "Accounting-Record-Number";
            return CompletableFuture.completedFuture(
                    ctx.errorAnswer(
                            request,
                            ResultCodes.DIAMETER_MISSING_AVP,
                            "the ACR has no " + missing,
                            null));
        }
        String typeName = recordTypeName(d, type);
        String shortType =
                typeName.endsWith("_RECORD")
                        ? typeName.substring(0, typeName.length() - 7)
                        : typeName;
        return config.rules()
                .apply(
                        request,
                        ctx,
                        "ACR",
                        subscriber(d, request),
                        shortType,
                        () -> store(request, ctx, sid, type, number, typeName));
    }

    private CompletableFuture<DiameterMessage> store(
            DiameterMessage req,
            RequestContext ctx,
            Avp sid,
            Avp type,
            Avp number,
            String typeName) {
        String sessionId;
        long recordNumber;
        try {
            sessionId = sid.asUtf8();
            recordNumber = number.asUnsigned32();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    ctx.errorAnswer(
                            req,
                            ResultCodes.DIAMETER_INVALID_AVP_VALUE,
                            "Session-Id or Accounting-Record-Number cannot be read: "
                                    + e.getMessage(),
                            null));
        }
        long recordType = recordType(type);
        CdfSessions.Open opened = null;
        if (recordType == Names.START_RECORD) {
            try {
                opened = sessions.start(sessionId, recordNumber);
            } catch (SessionStoreFullException full) {
                // RFC 6733 §7.1.5: a resource limit of this CDF, not the request's fault; no
                // Failed-AVP (§7.5: that names an erroneous AVP, and none is).
                return CompletableFuture.completedFuture(
                        aca(
                                req,
                                ctx,
                                ResultCodes.DIAMETER_RESOURCES_EXCEEDED,
                                sessionsFull(sessionId),
                                type,
                                number));
            }
        } else if (recordType == Names.INTERIM_RECORD) {
            sessions.interim(sessionId, recordNumber);
        } else if (recordType == Names.STOP_RECORD) {
            sessions.close(sessionId);
        }
        CdfSessions.Open openedHere = opened;
        byte[] line =
                line(req, ctx, sessionId, typeName, recordNumber).getBytes(StandardCharsets.UTF_8);
        return log.append(new RecordLog.Key(sessionId, recordNumber), line)
                .handle(
                        (outcome, err) -> {
                            if (openedHere != null
                                    && (err != null || outcome == RecordLog.Outcome.DUPLICATE)) {
                                // Not stored, or a late copy of a START stored before (perhaps
                                // before its STOP): this request opens nothing. Should the copy
                                // have overtaken its original in the writer, the open session is
                                // closed early — it then merely stops counting against the bound.
                                sessions.undoOpen(sessionId, openedHere);
                            }
                            if (err == null) {
                                return aca(
                                        req, ctx, ResultCodes.DIAMETER_SUCCESS, null, type, number);
                            }
                            Throwable c =
                                    err instanceof CompletionException && err.getCause() != null
                                            ? err.getCause()
                                            : err;
                            if (c instanceof RejectedExecutionException) {
                                return aca(
                                        req,
                                        ctx,
                                        ResultCodes.DIAMETER_TOO_BUSY,
                                        c.getMessage(),
                                        type,
                                        number);
                            }
                            if (c instanceof IOException) {
                                // §8.2: "no space left to store records" ends an open session.
                                sessions.close(sessionId);
                                return aca(
                                        req,
                                        ctx,
                                        ResultCodes.DIAMETER_OUT_OF_SPACE,
                                        "the record could not be stored: " + c.getMessage(),
                                        type,
                                        number);
                            }
                            return aca(
                                    req,
                                    ctx,
                                    ResultCodes.DIAMETER_UNABLE_TO_COMPLY,
                                    "the record could not be stored: " + c,
                                    type,
                                    number);
                        });
    }

    private String sessionsFull(String sessionId) {
        return "the CDF holds "
                + sessions.maxSessions()
                + " open accounting sessions (max-sessions) and cannot open "
                + sessionId
                + " — raise max-sessions in the CDF settings"
                + (sessions.ts() == null
                        ? ", or set session-timeout (or interim-interval) so that sessions whose"
                                + " STOP never came are closed"
                        : "");
    }

    private DiameterMessage aca(
            DiameterMessage req,
            RequestContext ctx,
            long rc,
            String message,
            Avp type,
            Avp number) {
        DiameterMessage a =
                message == null ? ctx.answer(req, rc) : ctx.errorAnswer(req, rc, message, null);
        // The answer builders echo Accounting-Record-Type/-Number and Acct-Application-Id from the
        // request; each is { AVP } or [ AVP ] in the ACA grammar (RFC 6733 §9.7.2), so it is added
        // only when missing (issue 9: Erlang rejected the ACA carrying them twice).
        addIfMissing(a, type);
        addIfMissing(a, number);
        addIfMissing(
                a,
                Avp.ofUnsigned32(
                        Names.ACCT_APPLICATION_ID, 0, Avp.FLAG_MANDATORY, ACCOUNTING_APPLICATION));
        Avp user = req.find(Names.USER_NAME, 0);
        if (user != null) {
            addIfMissing(a, user);
        }
        long t = type.asUnsigned32();
        if (rc == ResultCodes.DIAMETER_SUCCESS
                && config.interimInterval() != null
                && !config.interimInterval().isZero()
                && (t == Names.START_RECORD || t == Names.INTERIM_RECORD)) {
            a.add(
                    Avp.ofUnsigned32(
                            Names.ACCT_INTERIM_INTERVAL,
                            0,
                            Avp.FLAG_MANDATORY,
                            config.interimInterval().getSeconds()));
        }
        return a;
    }

    private static void addIfMissing(DiameterMessage a, Avp avp) {
        if (avp != null && a.find(avp.code(), avp.vendorId()) == null) {
            a.add(avp);
        }
    }

    /** The JSON line of a record (no newline). */
    String line(
            DiameterMessage req,
            RequestContext ctx,
            String sessionId,
            String typeName,
            long recordNumber) {
        Avp oh = req.find(Names.ORIGIN_HOST, 0);
        String originHost;
        try {
            originHost = oh == null ? "" : oh.asUtf8();
        } catch (RuntimeException e) {
            originHost = "";
        }
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", config.timers().instant().toString());
            g.writeStringField("peer", ctx.peerName() != null ? ctx.peerName() : "");
            g.writeStringField("Session-Id", sessionId);
            g.writeStringField("Accounting-Record-Type", typeName);
            g.writeNumberField("Accounting-Record-Number", recordNumber);
            g.writeStringField("Origin-Host", originHost);
            g.writeBooleanField("retransmitted", req.isRetransmit());
            g.writeNumberField("End-to-End", Integer.toUnsignedLong(req.endToEnd()));
            g.writeFieldName("avps");
            new AvpJson(ctx.dictionary()).write(g, req.avps());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a record to memory", e); // a StringWriter
        }
        return out.toString();
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** The Accounting-Record-Type, or -1 when unreadable (such a record is still stored). */
    private static long recordType(Avp type) {
        try {
            return type.asUnsigned32();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String recordTypeName(Dictionary d, Avp type) {
        long v;
        try {
            v = type.asUnsigned32();
        } catch (RuntimeException e) {
            return "INVALID";
        }
        AvpDefinition def = d.avp(Names.ACCOUNTING_RECORD_TYPE, 0);
        String n = def == null ? null : def.valueName(v);
        return n != null ? n : Long.toString(v);
    }

    /**
     * The first Subscription-Id-Data (top level, then in Service-Information), else User-Name, else
     * null.
     */
    static String subscriber(Dictionary d, DiameterMessage req) {
        try {
            Avp s = req.find(Names.SUBSCRIPTION_ID, 0);
            if (s == null) {
                AvpDefinition si = d.findAvp("Service-Information");
                Avp info = si == null ? null : req.find(si.code(), si.vendorId());
                if (info != null) {
                    s = info.children().find(Names.SUBSCRIPTION_ID, 0);
                }
            }
            if (s != null) {
                Avp data = s.children().find(Names.SUBSCRIPTION_ID_DATA, 0);
                if (data != null) {
                    return data.asUtf8();
                }
            }
            Avp user = req.find(Names.USER_NAME, 0);
            return user == null ? null : user.asUtf8();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes what is queued, forces and closes the record file, and stops the session sweep. The
     * node is not closed.
     */
    @Override
    public void close() {
        sessions.close();
        log.close();
    }

    /** The accounting application, for node configurations. */
    public static ApplicationId application() {
        return ApplicationId.acct(ACCOUNTING_APPLICATION);
    }
}
