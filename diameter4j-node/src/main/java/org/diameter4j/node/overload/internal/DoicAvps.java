package org.diameter4j.node.overload.internal;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DiameterMessage;

/**
 * The DOIC AVPs (RFC 7683 §7), built and read. They are sent without the M bit: §7.8 leaves it to
 * the application, and an M-bit AVP that enters a command through {@code * [ AVP ]} is refused by
 * strict peers (the CCR of RFC 4006 names none of them).
 */
public final class DoicAvps {
    public static final int OC_SUPPORTED_FEATURES = 621;
    public static final int OC_FEATURE_VECTOR = 622;
    public static final int OC_OLR = 623;
    public static final int OC_SEQUENCE_NUMBER = 624;
    public static final int OC_VALIDITY_DURATION = 625;
    public static final int OC_REPORT_TYPE = 626;
    public static final int OC_REDUCTION_PERCENTAGE = 627;

    /** §7.2: the loss algorithm, the one every DOIC node supports. */
    public static final long OLR_DEFAULT_ALGO = 1L;

    /** §7.5: the validity when OC-Validity-Duration is absent, and its maximum. */
    public static final long DEFAULT_VALIDITY_SECONDS = 30;

    public static final long MAX_VALIDITY_SECONDS = 86_400;

    /**
     * OC-Supported-Features with OC-Feature-Vector = OLR_DEFAULT_ALGO: what a reacting node puts in
     * its requests (§5.1.1) and a reporting node in its answers to them (§5.1.2). Immutable, so one
     * instance is shared by every message.
     */
    static final Avp SUPPORTED_FEATURES =
            Avp.grouped(
                    OC_SUPPORTED_FEATURES,
                    0,
                    0,
                    Avp.ofUnsigned64(OC_FEATURE_VECTOR, 0, 0, OLR_DEFAULT_ALGO));

    private DoicAvps() {}

    /** An OC-OLR (§7.3). */
    static Avp olr(long sequence, int reportType, int reductionPercent, long validitySeconds) {
        return Avp.grouped(
                OC_OLR,
                0,
                0,
                Avp.ofUnsigned64(OC_SEQUENCE_NUMBER, 0, 0, sequence),
                Avp.ofInt32(OC_REPORT_TYPE, 0, 0, reportType),
                Avp.ofUnsigned32(OC_REDUCTION_PERCENTAGE, 0, 0, reductionPercent),
                Avp.ofUnsigned32(OC_VALIDITY_DURATION, 0, 0, validitySeconds));
    }

    /**
     * Whether {@code m} advertises the loss algorithm: an OC-Supported-Features whose
     * OC-Feature-Vector has OLR_DEFAULT_ALGO, or that has no OC-Feature-Vector (§5.1.1: then the
     * loss algorithm is the one meant). False when there is no OC-Supported-Features.
     */
    static boolean advertisesLoss(DiameterMessage m) {
        Avp f = m.find(OC_SUPPORTED_FEATURES);
        if (f == null) {
            return false;
        }
        try {
            Avp v = f.children().find(OC_FEATURE_VECTOR);
            return v == null || (v.asUnsigned64() & OLR_DEFAULT_ALGO) != 0;
        } catch (RuntimeException e) {
            return false; // not Grouped, or a vector of the wrong size: no DOIC we understand
        }
    }

    /** A received OC-OLR, read; null when it is malformed (a required AVP missing, §7.3). */
    record Olr(long sequence, int reportType, int reductionPercent, long validitySeconds) {}

    static Olr read(Avp olr) {
        try {
            AvpList c = olr.children();
            Avp seq = c.find(OC_SEQUENCE_NUMBER);
            Avp type = c.find(OC_REPORT_TYPE);
            if (seq == null || type == null) {
                return null;
            }
            Avp red = c.find(OC_REDUCTION_PERCENTAGE);
            Avp val = c.find(OC_VALIDITY_DURATION);
            // §7.7: a percentage above 100 cannot mean more than everything.
            long r = red == null ? 0 : Math.min(100, red.asUnsigned32());
            long v =
                    val == null
                            ? DEFAULT_VALIDITY_SECONDS
                            : Math.min(MAX_VALIDITY_SECONDS, val.asUnsigned32());
            return new Olr(seq.asUnsigned64(), type.asInt32(), (int) r, v);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
