package org.diameter4j.node;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.dump.MessageDump;

/**
 * A failure in seed 003's debug shape (M-20):
 *
 * <pre>
 * DIAMETER: Failure
 * Receive: "CEA"
 * Node: "bng-gy.realm-1.com"
 * Received peer: "ocs.realm-1.com"
 * Transmit peer: N/A
 * Result code: "DIAMETER_INVALID_AVP_VALUE"
 * Error message: "mismatch with locally stored information"
 * Failed AVP:
 *     origin-host (264) …
 *
 * Message:
 *   Header …
 * </pre>
 */
final class FailureReport {
    static final int RESULT_CODE = 268;
    static final int ERROR_MESSAGE = 281;
    static final int FAILED_AVP = 279;
    static final int EXPERIMENTAL_RESULT = 297;
    static final int EXPERIMENTAL_RESULT_CODE = 298;

    private FailureReport() {}

    /** The Result-Code (or Experimental-Result-Code) of an answer, or -1. */
    static long resultCode(DiameterMessage m) {
        try {
            Avp rc = m.find(RESULT_CODE);
            if (rc != null && rc.valueLength() == 4) {
                return rc.asUnsigned32();
            }
            Avp er = m.find(EXPERIMENTAL_RESULT);
            if (er != null) {
                Avp c = er.children().find(EXPERIMENTAL_RESULT_CODE);
                if (c != null && c.valueLength() == 4) {
                    return c.asUnsigned32();
                }
            }
        } catch (RuntimeException e) {
            // a malformed value: no result code
        }
        return -1;
    }

    /** The report of an answer that carries a failure (Result-Code not 1xxx/2xxx). */
    static String ofAnswer(
            Dictionary dict, String node, String peer, DiameterMessage answer, boolean received) {
        long rc = resultCode(answer);
        String em = null;
        Avp failed = null;
        try {
            Avp e = answer.find(ERROR_MESSAGE);
            em = e != null ? e.asUtf8() : null;
            Avp f = answer.find(FAILED_AVP);
            if (f != null && !f.children().isEmpty()) {
                failed = f.children().get(0);
            }
        } catch (RuntimeException e) {
            // shown as far as it can be read
        }
        return format(dict, node, peer, answer, received, rc, em, failed);
    }

    static String format(
            Dictionary dict,
            String node,
            String peer,
            DiameterMessage m,
            boolean received,
            long resultCode,
            String errorMessage,
            Avp failedAvp) {
        MessageDump dump = new MessageDump(dict);
        String name = dict.resultCodeName(resultCode);
        StringBuilder sb = new StringBuilder("DIAMETER: Failure\n");
        sb.append(received ? "Receive: \"" : "Transmit: \"").append(dump.title(m)).append("\"\n");
        sb.append("Node: \"").append(node).append("\"\n");
        sb.append("Received peer: ").append(received ? quote(peer) : "N/A").append('\n');
        sb.append("Transmit peer: ").append(received ? "N/A" : quote(peer)).append('\n');
        sb.append("Result code: \"")
                .append(name != null ? name : String.valueOf(resultCode))
                .append("\"")
                .append(name != null ? " (" + resultCode + ")" : "")
                .append('\n');
        sb.append("Error message: ")
                .append(errorMessage != null ? quote(errorMessage) : "N/A")
                .append('\n');
        sb.append("Failed AVP:");
        if (failedAvp != null) {
            sb.append('\n').append(dump.formatAvp(failedAvp, 4));
        } else {
            sb.append(" N/A\n");
        }
        sb.append(" \nMessage:\n");
        StringBuilder msg = new StringBuilder();
        dump.appendHeader(msg, m);
        sb.append(msg);
        String full = dump.format(m);
        int avps = full.indexOf("  AVPs\n");
        if (avps >= 0) {
            sb.append(full, avps, full.length());
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
