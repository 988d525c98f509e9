package org.diameter4j.node.overload.internal;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.diameter4j.codec.Avp;
import org.diameter4j.node.overload.OverloadReport;

/**
 * A reporting node's overload control state (RFC 7683 §5.2.1.2, §5.2.2, §6.2): the one report it
 * sends, if any, in force until its validity passes; ended early by {@link #end()}, which sends it
 * once more with OC-Validity-Duration 0 for as long as it would have lasted, so that every reacting
 * node that may hold it hears that it is over.
 *
 * <p>OC-Sequence-Number (§7.4) starts at the wall-clock milliseconds of the node's start and grows
 * by one at every change, so that after a restart the new reports are still newer than the ones
 * reacting nodes remember. Each answer carries the validity left, in whole seconds rounded up: a
 * reacting node that first hears of the report late does not hold it longer (§7.5 counts from the
 * first answer it receives with that sequence number).
 */
public final class OwnReport {
    /** The report now: immutable, replaced as a whole. */
    private record State(
            OverloadReport.Type type,
            int reduction,
            long sequence,
            long until,
            boolean ending,
            long validityMillis) {}

    /** The OLR last built, reused while its seconds left do not change. */
    private record Built(State state, long seconds, Avp avp) {}

    private final LongSupplier clock;
    private long sequence;
    private volatile State state;
    private volatile Built built;

    public OwnReport(LongSupplier clock, long firstSequence) {
        this.clock = clock;
        this.sequence = firstSequence;
    }

    /** Starts, or replaces, the report (§6.2), with a new sequence number. */
    public synchronized void report(
            OverloadReport.Type type, int reductionPercent, Duration validity) {
        if (reductionPercent < 0 || reductionPercent > 100) {
            throw new IllegalArgumentException(
                    "OC-Reduction-Percentage is 0 to 100 (RFC 7683 §7.7), got " + reductionPercent);
        }
        long seconds = validity.toSeconds();
        if (seconds < 1 || seconds > DoicAvps.MAX_VALIDITY_SECONDS) {
            throw new IllegalArgumentException(
                    "OC-Validity-Duration is 1 s to 24 h in whole seconds (RFC 7683 §7.5; end a"
                            + " report with endReport()), got "
                            + validity);
        }
        long ms = seconds * 1000;
        state = new State(type, reductionPercent, ++sequence, clock.getAsLong() + ms, false, ms);
    }

    /** Ends the report in force (§5.2.2: validity 0, a new sequence number); else nothing. */
    public synchronized void end() {
        State s = state;
        long now = clock.getAsLong();
        if (s == null || s.ending || now >= s.until) {
            return;
        }
        state = new State(s.type, s.reduction, ++sequence, s.until, true, s.validityMillis);
    }

    /** Whether a report is in force (not being ended) at this moment. */
    public boolean inForce() {
        State s = state;
        return s != null && !s.ending && clock.getAsLong() < s.until;
    }

    /** Whether a report in force has less than half its validity left: time to renew it. */
    boolean dueForRenewal() {
        State s = state;
        if (s == null || s.ending) {
            return true;
        }
        return s.until - clock.getAsLong() < s.validityMillis / 2;
    }

    /** The OC-OLR for an answer now, or null when there is nothing to report. */
    public Avp olr() {
        State s = state;
        if (s == null) {
            return null;
        }
        long left = s.until - clock.getAsLong();
        if (left <= 0) {
            return null;
        }
        long seconds = s.ending ? 0 : (left + 999) / 1000;
        Built b = built;
        if (b != null && b.state == s && b.seconds == seconds) {
            return b.avp;
        }
        Avp avp = DoicAvps.olr(s.sequence, s.type.code(), s.reduction, seconds);
        built = new Built(s, seconds, avp);
        return avp;
    }

    /** The report as sent now, or null. */
    public OverloadReport view(String reporter) {
        State s = state;
        long left = s == null ? 0 : s.until - clock.getAsLong();
        if (left <= 0) {
            return null;
        }
        return new OverloadReport(
                s.type,
                reporter,
                0,
                s.sequence,
                s.reduction,
                s.ending ? Duration.ZERO : Duration.ofMillis(left),
                0);
    }
}
