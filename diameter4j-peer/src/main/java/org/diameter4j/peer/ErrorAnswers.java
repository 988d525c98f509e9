package org.diameter4j.peer;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;

/**
 * Answers that report an error (RFC 6733 §7.2): the request's answer with the E bit for protocol
 * errors (3xxx), Result-Code, Origin-Host, Origin-Realm, Error-Message and Failed-AVP (§7.5).
 */
public final class ErrorAnswers {
    static final int FAILED_AVP = 279;
    static final int ERROR_MESSAGE = 281;
    static final int EXPERIMENTAL_RESULT = 297;
    static final int EXPERIMENTAL_RESULT_CODE = 298;

    private ErrorAnswers() {}

    /**
     * An answer carrying Experimental-Result {Vendor-Id, Experimental-Result-Code} instead of
     * Result-Code (RFC 6733 §7.6): how 3GPP applications report their own results (e.g. S6a 5001
     * DIAMETER_ERROR_USER_UNKNOWN, vendor 10415).
     */
    public static DiameterMessage experimental(
            DiameterMessage request, LocalIdentity local, int vendorId, long code) {
        DiameterMessage a = request.answer();
        a.add(Avp.ofUtf8(Capabilities.ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, local.originHost()));
        a.add(Avp.ofUtf8(Capabilities.ORIGIN_REALM, 0, Avp.FLAG_MANDATORY, local.originRealm()));
        a.add(
                Avp.grouped(
                        EXPERIMENTAL_RESULT,
                        0,
                        Avp.FLAG_MANDATORY,
                        Avp.ofUnsigned32(
                                Capabilities.VENDOR_ID,
                                0,
                                Avp.FLAG_MANDATORY,
                                vendorId & 0xffffffffL),
                        Avp.ofUnsigned32(EXPERIMENTAL_RESULT_CODE, 0, Avp.FLAG_MANDATORY, code)));
        return a;
    }

    public static DiameterMessage build(
            DiameterMessage request,
            LocalIdentity local,
            long resultCode,
            String message,
            Avp failedAvp) {
        DiameterMessage a = request.answer();
        a.setFlag(DiameterMessage.FLAG_ERROR, ResultCodes.isProtocolError(resultCode));
        a.add(Avp.ofUnsigned32(Capabilities.RESULT_CODE, 0, Avp.FLAG_MANDATORY, resultCode));
        a.add(Avp.ofUtf8(Capabilities.ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, local.originHost()));
        a.add(Avp.ofUtf8(Capabilities.ORIGIN_REALM, 0, Avp.FLAG_MANDATORY, local.originRealm()));
        if (!a.isError()) {
            // §7.2: an E-bit answer follows the generic answer-message grammar, which names none
            // of them; strict peers answer 5001 for such an M-bit AVP (Erlang/OTP, issue 9).
            echo(request, a);
        }
        if (message != null) {
            a.add(Avp.ofUtf8(ERROR_MESSAGE, 0, 0, message));
        }
        if (failedAvp != null) {
            a.add(Avp.grouped(FAILED_AVP, 0, Avp.FLAG_MANDATORY, failedAvp));
        }
        return a;
    }

    /**
     * The AVPs that answer grammars repeat from their request: Auth-/Acct-Application-Id and
     * Vendor-Specific-Application-Id (RFC 4006 §3.2, 3GPP TS 29.272 §7.2), Auth-Session-State (RFC
     * 6733 §8.11), CC-Request-Type and CC-Request-Number (RFC 4006 §3.2), Accounting-Record-Type
     * and -Number (RFC 6733 §9.7.2). Copied when the request has them, so a generic answer is a
     * valid answer of the application too.
     */
    private static final int[] ECHOED = {258, 259, 260, 277, 416, 415, 480, 485};

    static void echo(DiameterMessage request, DiameterMessage answer) {
        for (int code : ECHOED) {
            Avp avp = request.find(code);
            if (avp != null && answer.find(code) == null) {
                answer.add(avp);
            }
        }
    }
}
