package org.diameter4j.node.overload.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.diameter4j.node.overload.OverloadReport;

/**
 * A reacting node's overload control state (RFC 7683 §5.2.1.1): one entry per report type, reporter
 * (host or realm) and application, kept up to date by the OC-OLRs of the answers (§5.2.3):
 *
 * <table>
 *   <caption>State × event</caption>
 *   <tr><th>state</th><th>OLR with sequence s'</th><th>result</th></tr>
 *   <tr><td>none</td><td>validity &gt; 0</td><td>active (s')</td></tr>
 *   <tr><td>none</td><td>validity 0</td><td>none: nothing to end</td></tr>
 *   <tr><td>active or over (s)</td><td>s' &gt; s, validity &gt; 0</td><td>active (s'), its
 *       reduction, validity counted from now</td></tr>
 *   <tr><td>active (s)</td><td>s' &gt; s, validity 0</td><td>over (s'): abatement stops</td></tr>
 *   <tr><td>any (s)</td><td>s' &le; s</td><td>unchanged: an old or repeated report</td></tr>
 *   <tr><td>active (s)</td><td>its validity passed</td><td>over (s)</td></tr>
 * </table>
 *
 * The validity counts from the first answer with a sequence number (§7.5); repeating it does not
 * prolong it, and an entry that is over keeps its sequence number so that a late copy of the same
 * report does not bring it back.
 *
 * <p>Reads (every request, every answer carrying the same report) take no lock and allocate
 * nothing: the entries are an array replaced, under a lock, only when a report changes. Tables are
 * small — one entry per reporting peer or realm — so they are searched linearly.
 */
public final class ReportTable {
    /** One reporter's state. Immutable but for the throttled count. */
    public static final class Entry {
        final OverloadReport.Type type;
        final String reporter;
        final long application;
        final long sequence;
        final int reduction;

        /** Milliseconds on the table's clock; Long.MIN_VALUE when ended by validity 0. */
        final long expiresAt;

        final LongAdder throttled;

        Entry(
                OverloadReport.Type type,
                String reporter,
                long application,
                long sequence,
                int reduction,
                long expiresAt,
                LongAdder throttled) {
            this.type = type;
            this.reporter = reporter;
            this.application = application;
            this.sequence = sequence;
            this.reduction = reduction;
            this.expiresAt = expiresAt;
            this.throttled = throttled;
        }

        boolean matches(OverloadReport.Type t, String who, long app) {
            return type == t && application == app && reporter.equalsIgnoreCase(who);
        }

        boolean activeAt(long now) {
            return now < expiresAt;
        }

        OverloadReport view(long now) {
            return new OverloadReport(
                    type,
                    reporter,
                    application,
                    sequence,
                    reduction,
                    Duration.ofMillis(Math.max(0, expiresAt - now)),
                    throttled.sum());
        }
    }

    /** What an OLR did to the table. */
    public enum Change {
        CREATED,
        REPLACED,
        ENDED,
        IGNORED
    }

    private static final Entry[] NONE = new Entry[0];

    private final LongSupplier clock;
    private volatile Entry[] entries = NONE;

    /** A table on {@code clock}, monotonic milliseconds ({@code Timers::nowMillis}). */
    public ReportTable(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Applies an OLR from {@code reporter} (the answer's Origin-Host for a host report, its
     * Origin-Realm for a realm one) for {@code application}.
     */
    public Change apply(
            OverloadReport.Type type,
            String reporter,
            long application,
            long sequence,
            int reductionPercent,
            long validitySeconds) {
        Entry old = find(type, reporter, application);
        // The common case, lock-free: every answer repeats the report in force.
        if (old != null && Long.compareUnsigned(sequence, old.sequence) <= 0) {
            return Change.IGNORED;
        }
        synchronized (this) {
            Entry[] es = entries;
            int i = indexOf(es, type, reporter, application);
            Entry cur = i < 0 ? null : es[i];
            if (cur != null && Long.compareUnsigned(sequence, cur.sequence) <= 0) {
                return Change.IGNORED;
            }
            long now = clock.getAsLong();
            if (validitySeconds == 0) {
                if (cur == null || !cur.activeAt(now)) {
                    if (cur != null) {
                        es = es.clone();
                        es[i] = ended(cur, sequence);
                        entries = es;
                    }
                    return Change.IGNORED;
                }
                es = es.clone();
                es[i] = ended(cur, sequence);
                entries = es;
                return Change.ENDED;
            }
            Entry e =
                    new Entry(
                            type,
                            reporter,
                            application,
                            sequence,
                            reductionPercent,
                            now + validitySeconds * 1000,
                            cur != null ? cur.throttled : new LongAdder());
            if (cur == null) {
                es = Arrays.copyOf(es, es.length + 1);
                es[es.length - 1] = e;
            } else {
                es = es.clone();
                es[i] = e;
            }
            entries = es;
            return cur == null || !cur.activeAt(now) ? Change.CREATED : Change.REPLACED;
        }
    }

    private static Entry ended(Entry e, long sequence) {
        return new Entry(
                e.type,
                e.reporter,
                e.application,
                sequence,
                e.reduction,
                Long.MIN_VALUE,
                e.throttled);
    }

    /**
     * The entry in force for this reporter and application, or null: none, over, or expired by now.
     */
    Entry active(OverloadReport.Type type, String reporter, long application) {
        Entry[] es = entries;
        if (es.length == 0) {
            return null;
        }
        Entry e = find(es, type, reporter, application);
        return e != null && e.activeAt(clock.getAsLong()) ? e : null;
    }

    /** Whether no report was ever received: the cheap test of every request. */
    boolean isEmpty() {
        return entries.length == 0;
    }

    /** The reports in force, host reports first, then by reporter. */
    public List<OverloadReport> activeReports() {
        long now = clock.getAsLong();
        List<OverloadReport> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.activeAt(now)) {
                out.add(e.view(now));
            }
        }
        out.sort(
                java.util.Comparator.comparing(OverloadReport::type)
                        .thenComparing(r -> r.reporter().toLowerCase(java.util.Locale.ROOT))
                        .thenComparingLong(OverloadReport::applicationId));
        return out;
    }

    long now() {
        return clock.getAsLong();
    }

    private Entry find(OverloadReport.Type type, String reporter, long application) {
        return find(entries, type, reporter, application);
    }

    private static Entry find(
            Entry[] es, OverloadReport.Type type, String reporter, long application) {
        int i = indexOf(es, type, reporter, application);
        return i < 0 ? null : es[i];
    }

    private static int indexOf(
            Entry[] es, OverloadReport.Type type, String reporter, long application) {
        for (int i = 0; i < es.length; i++) {
            if (es[i].matches(type, reporter, application)) {
                return i;
            }
        }
        return -1;
    }
}
