package org.diameter4j.node.overload;

import org.diameter4j.codec.ResultCodes;
import org.diameter4j.peer.DiameterException;

/**
 * A request the loss algorithm dropped (RFC 7683 §6.3) and no other peer could take: what {@link
 * org.diameter4j.node.DiameterNode#send} fails with, naming the report. A relay answers such a
 * request with its {@link #resultCode()}, 3004 DIAMETER_TOO_BUSY.
 */
public final class ThrottledException extends DiameterException {
    private final transient OverloadReport report;

    public ThrottledException(OverloadReport report) {
        super("throttled by DOIC " + report.describe());
        this.report = report;
    }

    /** 3004 DIAMETER_TOO_BUSY: what a relay answers for a request it throttled. */
    public int resultCode() {
        return ResultCodes.DIAMETER_TOO_BUSY;
    }

    /** The report that throttled the request, as it stood then. */
    public OverloadReport report() {
        return report;
    }
}
