package org.diameter4j.rf;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;

/**
 * What an ACA says (RFC 6733 §9.7.2).
 *
 * @param resultCode Result-Code, or the Experimental-Result-Code when there is no Result-Code; -1
 *     when neither is present
 * @param resultName its name ("DIAMETER_SUCCESS"), or "unknown"
 * @param recordType Accounting-Record-Type, or null
 * @param recordNumber Accounting-Record-Number, or -1
 * @param interimIntervalSeconds Acct-Interim-Interval, or null when absent
 * @param errorMessage Error-Message, or null
 * @param message the ACA itself
 */
public record AccountingAnswer(
        long resultCode,
        String resultName,
        RecordType recordType,
        long recordNumber,
        Long interimIntervalSeconds,
        String errorMessage,
        DiameterMessage message) {
    static final int ACCT_INTERIM_INTERVAL = 85;
    static final int RESULT_CODE = 268;
    static final int ERROR_MESSAGE = 281;
    static final int EXPERIMENTAL_RESULT = 297;
    static final int EXPERIMENTAL_RESULT_CODE = 298;
    static final int ACCOUNTING_RECORD_TYPE = 480;
    static final int ACCOUNTING_RECORD_NUMBER = 485;

    /** Reads an ACA; never throws on missing or malformed AVPs (they read as absent). */
    public static AccountingAnswer read(Dictionary dictionary, DiameterMessage aca) {
        long rc = unsigned(aca.find(RESULT_CODE, 0));
        String name = null;
        if (rc >= 0) {
            name = dictionary.resultCodeName(rc);
        } else {
            Avp er = aca.find(EXPERIMENTAL_RESULT, 0);
            if (er != null) {
                try {
                    rc = unsigned(er.children().find(EXPERIMENTAL_RESULT_CODE, 0));
                } catch (RuntimeException e) {
                    rc = -1;
                }
                name = rc >= 0 ? dictionary.experimentalResultName(rc) : null;
            }
        }
        long type = unsigned(aca.find(ACCOUNTING_RECORD_TYPE, 0));
        long interval = unsigned(aca.find(ACCT_INTERIM_INTERVAL, 0));
        String error = null;
        Avp em = aca.find(ERROR_MESSAGE, 0);
        if (em != null) {
            try {
                error = em.asUtf8();
            } catch (RuntimeException e) {
                error = null;
            }
        }
        return new AccountingAnswer(
                rc,
                name != null ? name : "unknown",
                RecordType.of(type),
                unsigned(aca.find(ACCOUNTING_RECORD_NUMBER, 0)),
                interval >= 0 ? interval : null,
                error,
                aca);
    }

    private static long unsigned(Avp a) {
        if (a == null) {
            return -1;
        }
        try {
            return a.asUnsigned32();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** 2xxx. */
    public boolean isSuccess() {
        return resultCode >= 2000 && resultCode < 3000;
    }

    /** "2001 DIAMETER_SUCCESS", plus the Error-Message when present. */
    @Override
    public String toString() {
        return resultCode
                + " "
                + resultName
                + (errorMessage != null ? " (" + errorMessage + ")" : "")
                + (recordType != null ? " for " + recordType + " " + recordNumber : "");
    }
}
