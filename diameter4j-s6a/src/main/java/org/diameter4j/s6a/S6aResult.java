package org.diameter4j.s6a;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;

/**
 * The outcome of an S6a answer: a Result-Code (RFC 6733 §7.1) or an Experimental-Result {Vendor-Id,
 * Experimental-Result-Code} (TS 29.272 §7.4), with its name.
 *
 * @param code the Result-Code or Experimental-Result-Code; -1 when the answer has neither
 * @param experimental true for an Experimental-Result
 * @param vendorId the Experimental-Result's Vendor-Id (0 for a Result-Code)
 * @param name "DIAMETER_SUCCESS", "DIAMETER_ERROR_USER_UNKNOWN" … or null when unknown
 */
public record S6aResult(long code, boolean experimental, int vendorId, String name) {
    static final int RESULT_CODE = 268;
    static final int EXPERIMENTAL_RESULT = 297;
    static final int EXPERIMENTAL_RESULT_CODE = 298;
    static final int VENDOR_ID = 266;

    public static final S6aResult SUCCESS = new S6aResult(2001, false, 0, "DIAMETER_SUCCESS");

    /** A Result-Code. */
    public static S6aResult resultCode(long code) {
        return new S6aResult(code, false, 0, null);
    }

    /** An Experimental-Result of 3GPP (Vendor-Id 10415). */
    public static S6aResult experimental(long code) {
        return new S6aResult(code, true, S6a.VENDOR_3GPP, null);
    }

    /**
     * {@code code} as S6a sends it: Experimental-Result for the TS 29.272 codes, Result-Code
     * otherwise.
     */
    public static S6aResult forCode(long code) {
        return S6a.EXPERIMENTAL_RESULT_CODES.contains(code) ? experimental(code) : resultCode(code);
    }

    /** The result of an answer, named with the dictionary. */
    public static S6aResult of(DiameterMessage answer, Dictionary d) {
        Avp rc = answer.find(RESULT_CODE, 0);
        if (rc != null) {
            long c = rc.asUnsigned32();
            return new S6aResult(c, false, 0, d.resultCodeName(c));
        }
        Avp er = answer.find(EXPERIMENTAL_RESULT, 0);
        if (er != null) {
            Avp code = er.children().find(EXPERIMENTAL_RESULT_CODE, 0);
            Avp vendor = er.children().find(VENDOR_ID, 0);
            long c = code == null ? -1 : code.asUnsigned32();
            int v = vendor == null ? 0 : (int) vendor.asUnsigned32();
            String n = v == S6a.VENDOR_3GPP ? s6aName(c) : null;
            return new S6aResult(c, true, v, n != null ? n : d.experimentalResultName(c));
        }
        return new S6aResult(-1, false, 0, null);
    }

    /** The TS 29.272 §7.4.3/§7.4.4 name of an Experimental-Result-Code of vendor 10415. */
    public static String s6aName(long code) {
        return switch ((int) code) {
            case 4181 -> "DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE";
            case 4182 -> "DIAMETER_ERROR_CAMEL_SUBSCRIPTION_PRESENT";
            case 5001 -> "DIAMETER_ERROR_USER_UNKNOWN";
            case 5004 -> "DIAMETER_ERROR_ROAMING_NOT_ALLOWED";
            case 5420 -> "DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION";
            case 5421 -> "DIAMETER_ERROR_RAT_NOT_ALLOWED";
            case 5422 -> "DIAMETER_ERROR_EQUIPMENT_UNKNOWN";
            case 5423 -> "DIAMETER_ERROR_UNKNOWN_SERVING_NODE";
            default -> null;
        };
    }

    /** 2xxx. */
    public boolean isSuccess() {
        return code >= 2000 && code < 3000;
    }

    /** The AVP that carries this result in an answer. */
    public Avp toAvp(Dictionary d) {
        if (!experimental) {
            return d.avp("Result-Code", code);
        }
        return d.grouped(
                "Experimental-Result",
                d.avp("Vendor-Id", vendorId),
                d.avp("Experimental-Result-Code", code));
    }

    @Override
    public String toString() {
        if (code < 0) {
            return "no Result-Code nor Experimental-Result";
        }
        return code
                + (name != null ? " " + name : "")
                + (experimental ? " (Experimental-Result, vendor " + vendorId + ")" : "");
    }
}
