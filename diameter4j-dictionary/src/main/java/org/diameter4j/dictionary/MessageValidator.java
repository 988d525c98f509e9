package org.diameter4j.dictionary;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.AvpValueException;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;

/**
 * Checks a decoded message against its command grammar and the grammars of its Grouped AVPs (RFC
 * 6733 §3.2, §4.4, §7.1.5, §7.5):
 *
 * <ul>
 *   <li>a required AVP missing: 5005 DIAMETER_MISSING_AVP, Failed-AVP = the AVP's header with a
 *       zero-filled payload of its type's minimum length;
 *   <li>an AVP the grammar does not list and no {@code * [ AVP ]}, or a fixed AVP out of place:
 *       5008;
 *   <li>more occurrences than allowed: 5009, Failed-AVP = the first surplus one;
 *   <li>an AVP the dictionary does not know, with the M bit: 5001; without it, ignored (§4.1);
 *   <li>the M bit set where the AVP's definition says MUST NOT: 3009 DIAMETER_INVALID_AVP_BITS.
 * </ul>
 *
 * A fault inside a Grouped AVP is reported with the grouped hierarchy down to the offender.
 * Messages of commands the dictionary does not know are not checked (the peer layer answers 3001
 * for them).
 */
public final class MessageValidator {
    private final Dictionary dict;

    public MessageValidator(Dictionary dict) {
        this.dict = dict;
    }

    /** The first fault, or null when the message satisfies its grammar. */
    public DecodeFailure validate(DiameterMessage m) {
        CommandDefinition cmd = dict.command(m);
        if (cmd == null) {
            return null;
        }
        try {
            Fault f = check(m.avps(), cmd.grammar(), cmd.abbreviation(), 0);
            if (f == null) {
                return null;
            }
            return new DecodeFailure(f.rc, f.reason, -1, f.avp, m, false);
        } catch (AvpValueException e) {
            return new DecodeFailure(e.resultCode(), e.getMessage(), -1, e.avp(), m, false);
        }
    }

    private record Fault(int rc, String reason, Avp avp) {}

    private Fault check(AvpList avps, Grammar g, String where, int depth) {
        int rules = g.rules().size();
        int[] counts = new int[rules];
        int n = avps.size();
        for (int i = 0; i < n; i++) {
            Avp a = avps.get(i);
            AvpDefinition def = dict.avp(a.code(), a.vendorId());
            int r = def == null ? -1 : g.indexOf(a.code(), a.vendorId());
            if (def == null) {
                if (a.isMandatory()) {
                    return new Fault(
                            ResultCodes.DIAMETER_AVP_UNSUPPORTED,
                            where + ": AVP " + describe(a) + " is not known and has the M bit",
                            a);
                }
                continue; // §4.1: an unknown AVP without the M bit is ignored
            }
            if (def.mRule() == MRule.MUST_NOT && a.isMandatory()) {
                return new Fault(
                        ResultCodes.DIAMETER_INVALID_AVP_BITS,
                        where + ": " + def.name() + " must not have the M bit set",
                        a);
            }
            if (r < 0) {
                if (!g.allowsAny()) {
                    return new Fault(
                            ResultCodes.DIAMETER_AVP_NOT_ALLOWED,
                            where + ": " + def.name() + " is not allowed here",
                            a);
                }
            } else {
                GrammarRule rule = g.rules().get(r);
                if (rule.kind() == GrammarRule.Kind.FIXED && i != r) {
                    return new Fault(
                            ResultCodes.DIAMETER_AVP_NOT_ALLOWED,
                            where
                                    + ": "
                                    + def.name()
                                    + " must be AVP number "
                                    + (r + 1)
                                    + " (fixed position), found at "
                                    + (i + 1),
                            a);
                }
                if (++counts[r] > rule.max()) {
                    return new Fault(
                            ResultCodes.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES,
                            where
                                    + ": "
                                    + def.name()
                                    + " occurs more than "
                                    + rule.max()
                                    + " time"
                                    + (rule.max() == 1 ? "" : "s"),
                            a);
                }
            }
            if (def.type() == DataType.GROUPED && def.grammar() != null) {
                Fault inner =
                        check(a.children(), def.grammar(), where + " > " + def.name(), depth + 1);
                if (inner != null) {
                    return new Fault(
                            inner.rc,
                            inner.reason,
                            Avp.grouped(a.code(), a.vendorId(), a.flags(), inner.avp));
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
            // payload
            // of the minimum required length for the omitted AVP".
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
            return new Fault(
                    ResultCodes.DIAMETER_MISSING_AVP,
                    where + ": missing " + def.name() + count,
                    example);
        }
        return null;
    }

    private static String describe(Avp a) {
        return a.code()
                + (a.vendorId() != 0
                        ? " (vendor " + Integer.toUnsignedString(a.vendorId()) + ")"
                        : "");
    }
}
