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

    private ErrorAnswers() {}

    public static DiameterMessage build(DiameterMessage request, LocalIdentity local, long resultCode, String message,
            Avp failedAvp) {
        DiameterMessage a = request.answer();
        a.setFlag(DiameterMessage.FLAG_ERROR, ResultCodes.isProtocolError(resultCode));
        a.add(Avp.ofUnsigned32(Capabilities.RESULT_CODE, 0, Avp.FLAG_MANDATORY, resultCode));
        a.add(Avp.ofUtf8(Capabilities.ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, local.originHost()));
        a.add(Avp.ofUtf8(Capabilities.ORIGIN_REALM, 0, Avp.FLAG_MANDATORY, local.originRealm()));
        if (message != null) {
            a.add(Avp.ofUtf8(ERROR_MESSAGE, 0, 0, message));
        }
        if (failedAvp != null) {
            a.add(Avp.grouped(FAILED_AVP, 0, Avp.FLAG_MANDATORY, failedAvp));
        }
        return a;
    }
}
