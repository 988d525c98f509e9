package org.diameter4j.node.overload;

import java.time.Duration;

/**
 * One overload report (RFC 7683 §7.3 OC-OLR) as a node holds it: one it received and obeys (a
 * reacting node's overload control state, §5.2.1.1), or the one it sends (§5.2.1.2).
 *
 * @param type what the report is about (§7.6 OC-Report-Type)
 * @param reporter the reporting host (the answer's Origin-Host) or realm (its Origin-Realm)
 * @param applicationId the application the report applies to (§5.2.1.1: state is per application)
 * @param sequenceNumber its OC-Sequence-Number (§7.4)
 * @param reductionPercent its OC-Reduction-Percentage (§7.7)
 * @param remaining how long it is still in force (§7.5 OC-Validity-Duration counts from the first
 *     answer carrying this sequence number)
 * @param throttled requests this report dropped or diverted so far (0 for the node's own report)
 */
public record OverloadReport(
        Type type,
        String reporter,
        long applicationId,
        long sequenceNumber,
        int reductionPercent,
        Duration remaining,
        long throttled) {

    /** RFC 7683 §7.6. */
    public enum Type {
        /** HOST_REPORT (0): requests sent to the reporting host. */
        HOST(0),
        /** REALM_REPORT (1): realm-routed requests (no Destination-Host) to the realm. */
        REALM(1);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** The OC-Report-Type value on the wire. */
        public int code() {
            return code;
        }
    }

    /** "host report from ocs.example.net: 30 % reduction, 12 s left" — the words of the errors. */
    public String describe() {
        return (type == Type.HOST ? "host" : "realm")
                + " report from "
                + reporter
                + ": "
                + reductionPercent
                + " % reduction, "
                + Math.max(0, (remaining.toMillis() + 999) / 1000)
                + " s left";
    }
}
