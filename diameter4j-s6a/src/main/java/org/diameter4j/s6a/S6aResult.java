package org.diameter4j.s6a;

import static org.diameter4j.avps.Avps.EXPERIMENTAL_RESULT;
import static org.diameter4j.avps.Avps.EXPERIMENTAL_RESULT_CODE;
import static org.diameter4j.avps.Avps.RESULT_CODE;
import static org.diameter4j.avps.Avps.VENDOR_ID;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
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
        Long rc = answer.get(RESULT_CODE);
        if (rc != null) {
            return new S6aResult(rc, false, 0, d.resultCodeName(rc));
        }
        AvpList er = answer.get(EXPERIMENTAL_RESULT);
        if (er != null) {
            Long code = er.get(EXPERIMENTAL_RESULT_CODE);
            Long vendor = er.get(VENDOR_ID);
            long c = code == null ? -1 : code;
            int v = vendor == null ? 0 : vendor.intValue();
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

    /**
     * The AVP that carries this result in an answer: Result-Code (RFC 6733 §7.1) or
     * Experimental-Result (§7.6). Built with the typed keys; {@code d} is not needed for it.
     */
    public Avp toAvp(Dictionary d) {
        if (!experimental) {
            return RESULT_CODE.of(code);
        }
        return EXPERIMENTAL_RESULT.of(
                VENDOR_ID.of((long) vendorId), EXPERIMENTAL_RESULT_CODE.of(code));
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
