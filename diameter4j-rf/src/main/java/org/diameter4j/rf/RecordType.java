package org.diameter4j.rf;

import org.diameter4j.avps.AccountingRecordType;

/** Accounting-Record-Type (RFC 6733 §9.8.1). */
public enum RecordType {
    EVENT_RECORD(1),
    START_RECORD(2),
    INTERIM_RECORD(3),
    STOP_RECORD(4);

    private final int code;

    RecordType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The value of the Accounting-Record-Type AVP. */
    AccountingRecordType avpValue() {
        return AccountingRecordType.of(code);
    }

    /** The type with this code, or null. */
    public static RecordType of(long code) {
        for (RecordType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
