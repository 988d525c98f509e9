package org.diameter4j.dictionary;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.ResultCodes;

/**
 * Walks AVPs against a command or Grouped AVP grammar (RFC 6733 §3.2, §4.4) and reports every rule
 * they break: the one implementation behind {@link MessageValidator} (what we receive) and {@link
 * OutboundValidator} (what we send). The rules:
 *
 * <ul>
 *   <li>an AVP the dictionary does not know, with the M bit: 5001 DIAMETER_AVP_UNSUPPORTED (§4.1);
 *       without it, ignored on receipt (§4.1), refused on sending where the grammar has no {@code *
 *       [ AVP ]};
 *   <li>the M bit set where the dictionary says MUST NOT: 3009 DIAMETER_INVALID_AVP_BITS (§4.1,
 *       §7.1.3); on sending also the M bit missing where it says MUST (§4.5);
 *   <li>an Enumerated value the dictionary does not name: with the M bit, 5004
 *       DIAMETER_INVALID_AVP_VALUE ("either the AVP or its value is unrecognized", §4.1); on
 *       sending always;
 *   <li>an AVP the grammar does not list and no {@code * [ AVP ]}, or a fixed AVP out of place:
 *       5008 DIAMETER_AVP_NOT_ALLOWED (§7.1.5);
 *   <li>on sending, an AVP with the M bit that the grammar does not name (allowed only by {@code *
 *       [ AVP ]}): 5001, as strict receivers answer (§4.1);
 *   <li>more occurrences than the grammar allows: 5009, the first surplus one;
 *   <li>fewer than required: 5005 DIAMETER_MISSING_AVP, with the AVP's header and a zero-filled
 *       payload of its type's minimum length (§7.5).
 * </ul>
 *
 * A fault inside a Grouped AVP is reported with the grouped hierarchy down to the offender (§7.5).
 * The content of Failed-AVP is not checked: it carries other messages' offending AVPs verbatim.
 */
final class GrammarCheck {
    static final int FAILED_AVP = 279;

    /** Receives the faults; returns false to stop the walk. */
    interface Sink {
        boolean fault(int resultCode, String rule, String text, Avp failed);
    }

    private final Dictionary dict;
    private final boolean outbound;

    GrammarCheck(Dictionary dict, boolean outbound) {
        this.dict = dict;
        this.outbound = outbound;
    }

    /** Checks {@code avps} against {@code g}; false when the sink asked to stop. */
    boolean check(AvpList avps, Grammar g, String where, Sink sink) {
        int rules = g.rules().size();
        int[] counts = new int[rules];
        int n = avps.size();
        for (int i = 0; i < n; i++) {
            Avp a = avps.get(i);
            AvpDefinition def = dict.avp(a.code(), a.vendorId());
            if (def == null) {
                if (a.isMandatory()) {
                    if (!sink.fault(
                            ResultCodes.DIAMETER_AVP_UNSUPPORTED,
                            "§4.1 unknown AVP with the M bit",
                            where + ": AVP " + describe(a) + " is not known and has the M bit",
                            a)) {
                        return false;
                    }
                } else if (outbound && !g.allowsAny()) {
                    if (!sink.fault(
                            ResultCodes.DIAMETER_AVP_NOT_ALLOWED,
                            "§7.1.5 AVP not in the grammar",
                            where + ": AVP " + describe(a) + " is not in the grammar",
                            a)) {
                        return false;
                    }
                }
                continue; // §4.1: an unknown AVP without the M bit is ignored
            }
            int r = g.indexOf(a.code(), a.vendorId());
            boolean required = r >= 0 && g.rules().get(r).min() > 0;
            if (!flags(a, def, where, sink) || !value(a, def, required, where, sink)) {
                return false;
            }
            if (r < 0) {
                if (outbound && g.allowsAny() && a.isMandatory()) {
                    // Sending: an M-bit AVP only through "* [ AVP ]". A strict receiver treats an
                    // M-bit AVP its command grammar does not name as unsupported in that command
                    // (§4.1 "MUST reject the message", 5001); Erlang/OTP's diameter does so by
                    // default (strict_mbit) — found by the Erlang interop tests (issue 9).
                    if (!sink.fault(
                            ResultCodes.DIAMETER_AVP_UNSUPPORTED,
                            "§4.1 M-bit AVP not named in the grammar",
                            where
                                    + ": "
                                    + def.name()
                                    + " has the M bit but the grammar does not name it (only * [ AVP ])",
                            a)) {
                        return false;
                    }
                } else if (!g.allowsAny()
                        && !sink.fault(
                                ResultCodes.DIAMETER_AVP_NOT_ALLOWED,
                                "§7.1.5 AVP not in the grammar",
                                where + ": " + def.name() + " is not allowed here",
                                a)) {
                    return false;
                }
            } else {
                GrammarRule rule = g.rules().get(r);
                if (rule.kind() == GrammarRule.Kind.FIXED
                        && i != r
                        && !sink.fault(
                                ResultCodes.DIAMETER_AVP_NOT_ALLOWED,
                                "§3.2 fixed position " + rule,
                                where
                                        + ": "
                                        + def.name()
                                        + " must be AVP number "
                                        + (r + 1)
                                        + " (fixed position), found at "
                                        + (i + 1),
                                a)) {
                    return false;
                }
                if (++counts[r] > rule.max()
                        && !sink.fault(
                                ResultCodes.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES,
                                "§3.2 occurrences " + rule,
                                where
                                        + ": "
                                        + def.name()
                                        + " occurs more than "
                                        + rule.max()
                                        + " time"
                                        + (rule.max() == 1 ? "" : "s")
                                        + " ("
                                        + rule
                                        + ")",
                                a)) {
                    return false;
                }
            }
            if (def.type() == DataType.GROUPED
                    && def.grammar() != null
                    && !(a.code() == FAILED_AVP && a.vendorId() == 0)) {
                boolean go =
                        check(
                                a.children(),
                                def.grammar(),
                                where + " > " + def.name(),
                                (rc, rule, text, inner) ->
                                        sink.fault(
                                                rc,
                                                rule,
                                                text,
                                                Avp.grouped(
                                                        a.code(), a.vendorId(), a.flags(), inner)));
                if (!go) {
                    return false;
                }
            }
        }
        for (int r = 0; r < rules; r++) {
            GrammarRule rule = g.rules().get(r);
            if (rule.isWildcard() || counts[r] >= rule.min()) {
                continue;
            }
            AvpDefinition def = g.avp(r);
            // §7.5: "an AVP with the missing AVP code, the missing Vendor-Id, and a zero-filled
            // payload of the minimum required length for the omitted AVP".
            Avp example =
                    Avp.ofBytes(
                            def.code(),
                            def.vendorId(),
                            def.defaultFlags(),
                            new byte[def.type().minimumLength()]);
            String count =
                    rule.min() == 1
                            ? ""
                            : " (at least " + rule.min() + ", found " + counts[r] + ")";
            if (!sink.fault(
                    ResultCodes.DIAMETER_MISSING_AVP,
                    "§3.2 required " + rule,
                    where + ": missing " + def.name() + count,
                    example)) {
                return false;
            }
        }
        return true;
    }

    private boolean flags(Avp a, AvpDefinition def, String where, Sink sink) {
        if (def.mRule() == MRule.MUST_NOT && a.isMandatory()) {
            return sink.fault(
                    ResultCodes.DIAMETER_INVALID_AVP_BITS,
                    "§4.1 M bit MUST NOT be set",
                    where + ": " + def.name() + " must not have the M bit set",
                    a);
        }
        if (outbound && def.mRule() == MRule.MUST && !a.isMandatory()) {
            return sink.fault(
                    ResultCodes.DIAMETER_INVALID_AVP_BITS,
                    "§4.5 M bit MUST be set",
                    where + ": " + def.name() + " must have the M bit set",
                    a);
        }
        return true;
    }

    /**
     * An Enumerated value the dictionary does not define is 5004 when the AVP has the M bit (§4.1),
     * and also when the command grammar requires the AVP: the receiver cannot ignore it (a CCR
     * whose CC-Request-Type lost its M bit and holds 20 must not reach the handler, which could not
     * answer it validly). Otherwise it is ignored, as §4.1 lets a receiver ignore an optional AVP.
     */
    private boolean value(Avp a, AvpDefinition def, boolean required, String where, Sink sink) {
        if (def.type() != DataType.ENUMERATED
                || def.valueNames().isEmpty()
                || a.valueLength() != 4
                || !(outbound || a.isMandatory() || required)) {
            return true;
        }
        int v = a.asInt32();
        if (def.valueName(v) != null) {
            return true;
        }
        return sink.fault(
                ResultCodes.DIAMETER_INVALID_AVP_VALUE,
                "§4.1 Enumerated value not defined",
                where + ": " + def.name() + " = " + v + " is not a value the dictionary defines",
                a);
    }

    static String describe(Avp a) {
        return a.code()
                + (a.vendorId() != 0
                        ? " (vendor " + Integer.toUnsignedString(a.vendorId()) + ")"
                        : "");
    }
}
