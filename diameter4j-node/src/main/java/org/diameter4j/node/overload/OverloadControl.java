package org.diameter4j.node.overload;

import java.time.Duration;
import java.util.List;

/**
 * A node's DOIC (RFC 7683), from {@code DiameterNode.overload()}: the reports it obeys as a
 * reacting node, and the report it sends as a reporting node. Thread-safe.
 */
public interface OverloadControl {
    /** Whether the node takes part in DOIC ({@link OverloadConfig#enabled()}). */
    boolean enabled();

    /** The reports in force that this node received and obeys, host reports first. */
    List<OverloadReport> activeReports();

    /** Requests the loss algorithm dropped and that no other peer took: failed or answered 3004. */
    long throttledRequests();

    /** Requests the loss algorithm took from one peer that another peer took instead. */
    long reroutedRequests();

    /**
     * Reports a host overload (RFC 7683 §6.2): from now on, answers to requests that advertised
     * DOIC carry an OC-OLR asking for {@code reductionPercent} less traffic, for {@code validity}
     * (whole seconds, 1 s to 24 h), each time with a new, higher OC-Sequence-Number (§7.4).
     *
     * @throws IllegalStateException when overload control is not enabled
     */
    default void report(int reductionPercent, Duration validity) {
        report(OverloadReport.Type.HOST, reductionPercent, validity);
    }

    /** As {@link #report(int, Duration)}, for a host or for this node's realm (§7.6). */
    void report(OverloadReport.Type type, int reductionPercent, Duration validity);

    /**
     * Ends the current report (§5.2.2): answers carry it once more with a new sequence number and
     * OC-Validity-Duration 0 for as long as the old one would have lasted, then nothing.
     */
    void endReport();

    /** The report this node sends now (validity 0 while it is being ended), or null. */
    OverloadReport ownReport();
}
