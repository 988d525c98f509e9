package org.diameter4j.rf;

import static org.diameter4j.avps.Avps.ACCOUNTING_RECORD_NUMBER;
import static org.diameter4j.avps.Avps.ACCOUNTING_RECORD_TYPE;
import static org.diameter4j.avps.Avps.ACCT_INTERIM_INTERVAL;
import static org.diameter4j.avps.Avps.ERROR_MESSAGE;
import static org.diameter4j.avps.Avps.EXPERIMENTAL_RESULT;
import static org.diameter4j.avps.Avps.EXPERIMENTAL_RESULT_CODE;
import static org.diameter4j.avps.Avps.RESULT_CODE;

import org.diameter4j.avps.AccountingRecordType;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpKey;
import org.diameter4j.codec.AvpList;
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
    /** Reads an ACA; never throws on missing or malformed AVPs (they read as absent). */
    public static AccountingAnswer read(Dictionary dictionary, DiameterMessage aca) {
        Long rc = read(aca.avps(), RESULT_CODE);
        String name = null;
        if (rc != null) {
            name = dictionary.resultCodeName(rc);
        } else {
            Avp er = aca.find(EXPERIMENTAL_RESULT);
            if (er != null) {
                try {
                    rc = read(er.children(), EXPERIMENTAL_RESULT_CODE);
                } catch (RuntimeException e) {
                    rc = null; // Grouped data that does not parse
                }
                name = rc != null ? dictionary.experimentalResultName(rc) : null;
            }
        }
        AccountingRecordType type = read(aca.avps(), ACCOUNTING_RECORD_TYPE);
        Long number = read(aca.avps(), ACCOUNTING_RECORD_NUMBER);
        return new AccountingAnswer(
                rc != null ? rc : -1,
                name != null ? name : "unknown",
                type == null ? null : RecordType.of(type.code()),
                number != null ? number : -1,
                read(aca.avps(), ACCT_INTERIM_INTERVAL),
                read(aca.avps(), ERROR_MESSAGE),
                aca);
    }

    /** The value of the first AVP of {@code key}, or null when it is absent or malformed. */
    private static <T> T read(AvpList avps, AvpKey<T> key) {
        try {
            return avps.get(key);
        } catch (RuntimeException e) {
            return null;
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
