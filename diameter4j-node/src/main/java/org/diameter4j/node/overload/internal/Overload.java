package org.diameter4j.node.overload.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.overload.OverloadConfig;
import org.diameter4j.node.overload.OverloadControl;
import org.diameter4j.node.overload.OverloadReport;
import org.diameter4j.node.overload.ThrottledException;
import org.diameter4j.peer.LocalIdentity;

/**
 * A node's DOIC engine (RFC 7683), made only when {@link OverloadConfig#enabled()}: a node without
 * it has a null field and pays one branch per request. As a reacting node it advertises the loss
 * algorithm in requests (§5.1.1), reads the OC-OLRs of the answers into its {@link ReportTable}
 * (§5.2.3) and decides, per request, whether a report in force drops it ({@link #throttle}, §5.2.3,
 * §6.3). As a reporting node it answers DOIC requests with OC-Supported-Features (§5.1.2) and its
 * {@link OwnReport} (§6.2), set by the API or, when configured, by its own load.
 */
public final class Overload implements OverloadControl {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.node");
    private static final int ORIGIN_HOST = 264;
    private static final int ORIGIN_REALM = 296;

    private final LocalIdentity identity;
    private final OverloadConfig config;
    private final ReportTable table;
    private final LossAlgorithm loss;
    private final OwnReport own;
    private final AtomicInteger handling = new AtomicInteger();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder rerouted = new LongAdder();
    private final LongAdder reportsApplied = new LongAdder();
    private final LongAdder reportsEnded = new LongAdder();
    private final LongAdder answersWithReport = new LongAdder();

    public Overload(
            LocalIdentity identity,
            OverloadConfig config,
            LongSupplier clock,
            LossAlgorithm loss,
            long firstSequence) {
        this.identity = identity;
        this.config = config;
        this.table = new ReportTable(clock);
        this.loss = loss;
        this.own = new OwnReport(clock, firstSequence);
    }

    /** The engine of a running node: the system clock and random decisions. */
    public static Overload of(LocalIdentity identity, OverloadConfig config, LongSupplier clock) {
        return new Overload(
                identity, config, clock, LossAlgorithm.random(), System.currentTimeMillis());
    }

    // ---- reacting node --------------------------------------------------------------------------

    /**
     * Adds OC-Supported-Features to a request that has none (§5.1.1); true when it was added — a
     * relay then acts as the reacting node for the request (§5.1.3), else the node that added it is
     * the one the reports are for.
     */
    public boolean advertise(DiameterMessage request) {
        if (request.find(DoicAvps.OC_SUPPORTED_FEATURES) != null) {
            return false;
        }
        request.add(DoicAvps.SUPPORTED_FEATURES);
        return true;
    }

    /**
     * Reads the OC-OLRs of an answer to a request this node advertised DOIC in (§5.2.3): a host
     * report is the answer's Origin-Host's, a realm report its Origin-Realm's, for the answer's
     * application. An answer whose OC-Supported-Features selects another algorithm than loss is not
     * ours to act on.
     */
    public void answered(DiameterMessage answer) {
        AvpList avps = answer.avps();
        int n = avps.size();
        for (int i = 0; i < n; i++) {
            if (avps.codeAt(i) == DoicAvps.OC_OLR && avps.vendorIdAt(i) == 0) {
                apply(answer, avps.get(i));
            }
        }
    }

    private void apply(DiameterMessage answer, Avp olrAvp) {
        if (answer.find(DoicAvps.OC_SUPPORTED_FEATURES) != null
                && !DoicAvps.advertisesLoss(answer)) {
            return;
        }
        DoicAvps.Olr olr = DoicAvps.read(olrAvp);
        if (olr == null) {
            return;
        }
        OverloadReport.Type type;
        Avp who;
        if (olr.reportType() == OverloadReport.Type.HOST.code()) {
            type = OverloadReport.Type.HOST;
            who = answer.find(ORIGIN_HOST);
        } else if (olr.reportType() == OverloadReport.Type.REALM.code()) {
            type = OverloadReport.Type.REALM;
            who = answer.find(ORIGIN_REALM);
        } else {
            return; // §7.6: a report type this node does not know is ignored
        }
        String reporter = text(who);
        if (reporter == null) {
            return;
        }
        ReportTable.Change c =
                table.apply(
                        type,
                        reporter,
                        answer.applicationId(),
                        olr.sequence(),
                        olr.reductionPercent(),
                        olr.validitySeconds());
        switch (c) {
            case CREATED, REPLACED -> {
                reportsApplied.increment();
                LOG.log(
                        Level.INFO,
                        "DOIC: "
                                + (c == ReportTable.Change.CREATED ? "new " : "newer ")
                                + type.name().toLowerCase(java.util.Locale.ROOT)
                                + " report from "
                                + reporter
                                + " (application "
                                + answer.applicationId()
                                + "): "
                                + olr.reductionPercent()
                                + " % reduction for "
                                + olr.validitySeconds()
                                + " s, sequence "
                                + Long.toUnsignedString(olr.sequence()));
            }
            case ENDED -> {
                reportsEnded.increment();
                LOG.log(Level.INFO, "DOIC: " + reporter + " ended its overload report");
            }
            case IGNORED -> {}
        }
    }

    /**
     * The report that drops a request, or null to send it (§5.2.3, §6.3): a realm report of {@code
     * destinationRealm} applies to realm-routed requests (no Destination-Host, §7.6), a host report
     * to the requests for {@code destinationHost} or, when there is none, to those this node routes
     * to {@code nextHop} itself. Each report in force decides independently.
     */
    public ReportTable.Entry throttle(
            long application, String destinationHost, String destinationRealm, String nextHop) {
        if (table.isEmpty()) {
            return null;
        }
        if (destinationHost == null && destinationRealm != null) {
            ReportTable.Entry r =
                    table.active(OverloadReport.Type.REALM, destinationRealm, application);
            if (r != null && loss.drop(r.reduction)) {
                r.throttled.increment();
                return r;
            }
        }
        String host = destinationHost != null ? destinationHost : nextHop;
        if (host != null) {
            ReportTable.Entry h = table.active(OverloadReport.Type.HOST, host, application);
            if (h != null && loss.drop(h.reduction)) {
                h.throttled.increment();
                return h;
            }
        }
        return null;
    }

    /**
     * Whether a decision of {@link #throttle} can be escaped by another peer: host reports only.
     */
    public static boolean divertible(ReportTable.Entry decision) {
        return decision.type == OverloadReport.Type.HOST;
    }

    /** The error of a request {@code decision} dropped that no other peer took. */
    public ThrottledException throttled(ReportTable.Entry decision) {
        throttled.increment();
        return new ThrottledException(decision.view(table.now()));
    }

    /** A request dropped for one peer went to another (§6.3: diverted, not lost). */
    public void rerouted() {
        rerouted.increment();
    }

    /**
     * Takes the DOIC AVPs out of an answer to a request this relay advertised DOIC in on behalf of
     * a client that did not (§5.1.3): the report was for the relay, not for the client.
     */
    public static void strip(DiameterMessage answer) {
        answer.avps().removeAll(DoicAvps.OC_SUPPORTED_FEATURES, 0);
        answer.avps().removeAll(DoicAvps.OC_OLR, 0);
    }

    // ---- reporting node -------------------------------------------------------------------------

    /** Whether a request advertised the loss algorithm: its answer then gets DOIC AVPs (§5.1.2). */
    public static boolean supportsDoic(DiameterMessage request) {
        return DoicAvps.advertisesLoss(request);
    }

    /**
     * A request reaches the node's own handlers: counted for the automatic report; when more than
     * the configured threshold are in hand at once, a host report starts or is renewed.
     */
    public void handling() {
        int now = handling.incrementAndGet();
        int limit = config.autoPendingThreshold();
        if (limit > 0 && now > limit && own.dueForRenewal()) {
            synchronized (own) {
                if (own.dueForRenewal()) {
                    own.report(
                            OverloadReport.Type.HOST,
                            config.autoReductionPercent(),
                            config.autoValidity());
                    LOG.log(
                            Level.INFO,
                            "DOIC: "
                                    + now
                                    + " requests in hand (threshold "
                                    + limit
                                    + "): reporting "
                                    + config.autoReductionPercent()
                                    + " % reduction for "
                                    + config.autoValidity().toSeconds()
                                    + " s");
                }
            }
        }
    }

    /** The handler's answer is ready. */
    public void handled() {
        handling.decrementAndGet();
    }

    /**
     * The node's answer to a request that advertised DOIC (§5.1.2, §6.2): OC-Supported-Features
     * with the loss algorithm selected, and the node's OC-OLR when it reports. DOIC AVPs the
     * handler put there are replaced, so an answer built once and sent many times stays right.
     */
    public DiameterMessage decorate(DiameterMessage answer) {
        if (answer == null) {
            return null;
        }
        AvpList avps = answer.avps();
        avps.removeAll(DoicAvps.OC_SUPPORTED_FEATURES, 0);
        avps.removeAll(DoicAvps.OC_OLR, 0);
        avps.add(DoicAvps.SUPPORTED_FEATURES);
        Avp olr = own.olr();
        if (olr != null) {
            avps.add(olr);
            answersWithReport.increment();
        }
        return answer;
    }

    // ---- OverloadControl
    // -------------------------------------------------------------------------

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public List<OverloadReport> activeReports() {
        return table.activeReports();
    }

    @Override
    public long throttledRequests() {
        return throttled.sum();
    }

    @Override
    public long reroutedRequests() {
        return rerouted.sum();
    }

    @Override
    public void report(OverloadReport.Type type, int reductionPercent, Duration validity) {
        own.report(type, reductionPercent, validity);
        LOG.log(
                Level.INFO,
                "DOIC: reporting "
                        + type.name().toLowerCase(java.util.Locale.ROOT)
                        + " overload, "
                        + reductionPercent
                        + " % reduction for "
                        + validity.toSeconds()
                        + " s");
    }

    @Override
    public void endReport() {
        own.end();
    }

    @Override
    public OverloadReport ownReport() {
        OverloadReport r = own.view(identity.originHost());
        if (r != null && r.type() == OverloadReport.Type.REALM) {
            return new OverloadReport(
                    r.type(),
                    identity.originRealm(),
                    r.applicationId(),
                    r.sequenceNumber(),
                    r.reductionPercent(),
                    r.remaining(),
                    r.throttled());
        }
        return r;
    }

    /** Reports received and applied (new or newer sequence number). */
    public long reportsApplied() {
        return reportsApplied.sum();
    }

    /** Reports received that ended one in force (validity 0). */
    public long reportsEnded() {
        return reportsEnded.sum();
    }

    /** Answers this node sent with its own OC-OLR. */
    public long answersWithReport() {
        return answersWithReport.sum();
    }

    private static String text(Avp a) {
        try {
            return a == null ? null : a.asUtf8();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
