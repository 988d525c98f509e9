package org.diameter4j.dictionary;

import java.util.Arrays;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpCursor;
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
 *
 * <p>A valid message costs no allocation: the AVPs are read in place with {@link AvpCursor}s (no
 * {@link Avp} object, no child list for a Grouped AVP), the occurrence counts live in a per-thread
 * scratch array, and the fault's text, its path ("CCR > Multiple-Services-Credit-Control > …") and
 * its Failed-AVP hierarchy are built only when a fault is reported.
 */
final class GrammarCheck {
    static final int FAILED_AVP = 279;

    /** Receives the faults; returns false to stop the walk. */
    interface Sink {
        boolean fault(int resultCode, String rule, String text, Avp failed);
    }

    /** The first fault of a walk that stops there (see {@link #first}). */
    record Fault(int resultCode, String rule, String text, Avp failed) {}

    private final Dictionary dict;
    private final boolean outbound;

    GrammarCheck(Dictionary dict, boolean outbound) {
        this.dict = dict;
        this.outbound = outbound;
    }

    /**
     * What a walk needs beyond the grammar, kept per thread so that a valid message allocates
     * nothing: a cursor per depth (each on its Grouped AVP while the level below is walked), the
     * Grouped AVPs' definitions down to the current depth (the fault's path), and the occurrence
     * counts of every level in one array, level {@code d}'s rules after those of the levels above.
     */
    private static final class Scratch {
        AvpCursor[] cursors = new AvpCursor[0];
        AvpDefinition[] path = new AvpDefinition[0];
        int[] counts = new int[64];
        String where;
        boolean busy;
        // MessageValidator's sink: keeps the first fault and stops.
        final FirstFault first = new FirstFault();

        AvpCursor cursor(int depth) {
            if (depth >= cursors.length) {
                cursors = Arrays.copyOf(cursors, depth + 4);
                path = Arrays.copyOf(path, depth + 4);
            }
            AvpCursor c = cursors[depth];
            if (c == null) {
                c = cursors[depth] = new AvpCursor();
            }
            return c;
        }

        /** Zeroes {@code counts[base, base + n)}, growing the array when needed. */
        void clearCounts(int base, int n) {
            if (base + n > counts.length) {
                counts = Arrays.copyOf(counts, Math.max(base + n, counts.length * 2));
            }
            Arrays.fill(counts, base, base + n, 0);
        }
    }

    private static final class FirstFault implements Sink {
        Fault fault;

        @Override
        public boolean fault(int resultCode, String rule, String text, Avp failed) {
            fault = new Fault(resultCode, rule, text, failed);
            return false;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Checks {@code avps} against {@code g}; false when the sink asked to stop. */
    boolean check(AvpList avps, Grammar g, String where, Sink sink) {
        Scratch s = SCRATCH.get();
        if (s.busy) {
            s = new Scratch(); // a sink that checks another message on this thread
        }
        return run(s, avps, g, where, sink);
    }

    /** The first fault of {@code avps} against {@code g}, or null: allocates nothing for none. */
    Fault first(AvpList avps, Grammar g, String where) {
        Scratch s = SCRATCH.get();
        if (s.busy) {
            s = new Scratch();
        }
        FirstFault sink = s.first;
        sink.fault = null;
        run(s, avps, g, where, sink);
        Fault f = sink.fault;
        sink.fault = null;
        return f;
    }

    private boolean run(Scratch s, AvpList avps, Grammar g, String where, Sink sink) {
        s.busy = true;
        s.where = where;
        try {
            s.cursor(0).over(avps);
            return level(s, 0, g, 0, sink);
        } finally {
            // Let go of the message: a thread's scratch outlives it.
            for (AvpCursor c : s.cursors) {
                if (c != null) {
                    c.clear();
                }
            }
            s.where = null;
            s.busy = false;
        }
    }

    /**
     * Walks the AVPs under {@code s.cursors[depth]} against {@code g}, counting occurrences in
     * {@code s.counts[base, base + rules)}.
     */
    private boolean level(Scratch s, int depth, Grammar g, int base, Sink sink) {
        int rules = g.size();
        s.clearCounts(base, rules);
        AvpCursor c = s.cursors[depth];
        while (c.next()) {
            int i = c.index();
            int code = c.code();
            int vendorId = c.vendorId();
            boolean mandatory = (c.flags() & Avp.FLAG_MANDATORY) != 0;
            int r = g.indexOf(code, vendorId);
            // A rule's AVP is the dictionary's definition for its (Vendor-Id, code): the builder
            // resolves rules by name, and names and keys are one to one.
            AvpDefinition def = r >= 0 ? g.avp(r) : dict.avp(code, vendorId);
            if (def == null) {
                if (mandatory) {
                    if (!fault(
                            s,
                            depth,
                            sink,
                            ResultCodes.DIAMETER_AVP_UNSUPPORTED,
                            "§4.1 unknown AVP with the M bit",
                            where(s, depth)
                                    + ": AVP "
                                    + describe(code, vendorId)
                                    + " is not known and has the M bit")) {
                        return false;
                    }
                } else if (outbound && !g.allowsAny()) {
                    if (!fault(
                            s,
                            depth,
                            sink,
                            ResultCodes.DIAMETER_AVP_NOT_ALLOWED,
                            "§7.1.5 AVP not in the grammar",
                            where(s, depth)
                                    + ": AVP "
                                    + describe(code, vendorId)
                                    + " is not in the grammar")) {
                        return false;
                    }
                }
                continue; // §4.1: an unknown AVP without the M bit is ignored
            }
            boolean required = r >= 0 && g.rule(r).min() > 0;
            if (!flags(s, depth, mandatory, def, sink)
                    || !value(s, depth, mandatory, def, required, sink)) {
                return false;
            }
            if (r < 0) {
                if (outbound && g.allowsAny() && mandatory) {
                    // Sending: an M-bit AVP only through "* [ AVP ]". A strict receiver treats an
                    // M-bit AVP its command grammar does not name as unsupported in that command
                    // (§4.1 "MUST reject the message", 5001); Erlang/OTP's diameter does so by
                    // default (strict_mbit) — found by the Erlang interop tests (issue 9).
                    if (!fault(
                            s,
                            depth,
                            sink,
                            ResultCodes.DIAMETER_AVP_UNSUPPORTED,
                            "§4.1 M-bit AVP not named in the grammar",
                            where(s, depth)
                                    + ": "
                                    + def.name()
                                    + " has the M bit but the grammar does not name it (only * [ AVP ])")) {
                        return false;
                    }
                } else if (!g.allowsAny()
                        && !fault(
                                s,
                                depth,
                                sink,
                                ResultCodes.DIAMETER_AVP_NOT_ALLOWED,
                                "§7.1.5 AVP not in the grammar",
                                where(s, depth) + ": " + def.name() + " is not allowed here")) {
                    return false;
                }
            } else {
                GrammarRule rule = g.rule(r);
                if (rule.kind() == GrammarRule.Kind.FIXED
                        && i != r
                        && !fault(
                                s,
                                depth,
                                sink,
                                ResultCodes.DIAMETER_AVP_NOT_ALLOWED,
                                "§3.2 fixed position " + rule,
                                where(s, depth)
                                        + ": "
                                        + def.name()
                                        + " must be AVP number "
                                        + (r + 1)
                                        + " (fixed position), found at "
                                        + (i + 1))) {
                    return false;
                }
                // s.counts, not a local copy: a deeper level may have grown the array.
                if (++s.counts[base + r] > rule.max()
                        && !fault(
                                s,
                                depth,
                                sink,
                                ResultCodes.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES,
                                "§3.2 occurrences " + rule,
                                where(s, depth)
                                        + ": "
                                        + def.name()
                                        + " occurs more than "
                                        + rule.max()
                                        + " time"
                                        + (rule.max() == 1 ? "" : "s")
                                        + " ("
                                        + rule
                                        + ")")) {
                    return false;
                }
            }
            if (def.type() == DataType.GROUPED
                    && def.grammar() != null
                    && !(code == FAILED_AVP && vendorId == 0)) {
                // Throws AvpValueException, as Avp.children() does, when the data is not AVPs.
                s.cursor(depth + 1).overChildren(c);
                s.path[depth + 1] = def;
                if (!level(s, depth + 1, def.grammar(), base + rules, sink)) {
                    return false;
                }
            }
        }
        for (int r : g.required()) {
            GrammarRule rule = g.rule(r);
            int count = s.counts[base + r];
            if (count >= rule.min()) {
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
            String found =
                    rule.min() == 1 ? "" : " (at least " + rule.min() + ", found " + count + ")";
            if (!report(
                    s,
                    depth,
                    sink,
                    ResultCodes.DIAMETER_MISSING_AVP,
                    "§3.2 required " + rule,
                    where(s, depth) + ": missing " + def.name() + found,
                    example)) {
                return false;
            }
        }
        return true;
    }

    /** Reports a fault of the current AVP at {@code depth}. */
    private static boolean fault(
            Scratch s, int depth, Sink sink, int resultCode, String rule, String text) {
        return report(s, depth, sink, resultCode, rule, text, s.cursors[depth].avp());
    }

    /**
     * Reports {@code failed}, found at {@code depth}, inside the grouped hierarchy that holds it
     * (§7.5): each Grouped AVP above it, innermost first, rebuilt around it alone.
     */
    private static boolean report(
            Scratch s, int depth, Sink sink, int resultCode, String rule, String text, Avp failed) {
        Avp a = failed;
        for (int d = depth - 1; d >= 0; d--) {
            AvpCursor parent = s.cursors[d];
            a = Avp.grouped(parent.code(), parent.vendorId(), parent.flags(), a);
        }
        return sink.fault(resultCode, rule, text, a);
    }

    /** "CCR > Multiple-Services-Credit-Control > Requested-Service-Unit": built for a fault. */
    private static String where(Scratch s, int depth) {
        if (depth == 0) {
            return s.where;
        }
        StringBuilder b = new StringBuilder(s.where);
        for (int d = 1; d <= depth; d++) {
            b.append(" > ").append(s.path[d].name());
        }
        return b.toString();
    }

    private boolean flags(Scratch s, int depth, boolean mandatory, AvpDefinition def, Sink sink) {
        if (def.mRule() == MRule.MUST_NOT && mandatory) {
            return fault(
                    s,
                    depth,
                    sink,
                    ResultCodes.DIAMETER_INVALID_AVP_BITS,
                    "§4.1 M bit MUST NOT be set",
                    where(s, depth) + ": " + def.name() + " must not have the M bit set");
        }
        if (outbound && def.mRule() == MRule.MUST && !mandatory) {
            return fault(
                    s,
                    depth,
                    sink,
                    ResultCodes.DIAMETER_INVALID_AVP_BITS,
                    "§4.5 M bit MUST be set",
                    where(s, depth) + ": " + def.name() + " must have the M bit set");
        }
        return true;
    }

    /**
     * An Enumerated value the dictionary does not define is 5004 when the AVP has the M bit (§4.1),
     * and also when the command grammar requires the AVP: the receiver cannot ignore it (a CCR
     * whose CC-Request-Type lost its M bit and holds 20 must not reach the handler, which could not
     * answer it validly). Otherwise it is ignored, as §4.1 lets a receiver ignore an optional AVP.
     */
    private boolean value(
            Scratch s,
            int depth,
            boolean mandatory,
            AvpDefinition def,
            boolean required,
            Sink sink) {
        AvpCursor c = s.cursors[depth];
        if (def.type() != DataType.ENUMERATED
                || def.valueNames().isEmpty()
                || c.valueLength() != 4
                || !(outbound || mandatory || required)) {
            return true;
        }
        int v = c.int32();
        if (def.valueName(v) != null) {
            return true;
        }
        return fault(
                s,
                depth,
                sink,
                ResultCodes.DIAMETER_INVALID_AVP_VALUE,
                "§4.1 Enumerated value not defined",
                where(s, depth)
                        + ": "
                        + def.name()
                        + " = "
                        + v
                        + " is not a value the dictionary defines");
    }

    static String describe(Avp a) {
        return describe(a.code(), a.vendorId());
    }

    static String describe(int code, int vendorId) {
        return code + (vendorId != 0 ? " (vendor " + Integer.toUnsignedString(vendorId) + ")" : "");
    }
}
