package org.diameter4j.rf;

import static org.assertj.core.api.Assertions.assertThat;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

/** Reading an ACA (RFC 6733 §9.7.2): what it says, and malformed or missing AVPs as absent. */
class AccountingAnswerTest {
    private static final Dictionary D = Dictionary.standard();

    static DiameterMessage aca() {
        return new DiameterMessage(0x40, 271, 3, 1, 1);
    }

    @Test
    void readsTheResultTheRecordAndTheInterimInterval() {
        AccountingAnswer a =
                AccountingAnswer.read(
                        D,
                        aca().add(D.avp("Result-Code", 2001L))
                                .add(D.avp("Accounting-Record-Type", "INTERIM_RECORD"))
                                .add(D.avp("Accounting-Record-Number", 4L))
                                .add(D.avp("Acct-Interim-Interval", 300L))
                                .add(D.avp("Error-Message", "fine")));
        assertThat(a.resultCode()).isEqualTo(2001);
        assertThat(a.resultName()).isEqualTo("DIAMETER_SUCCESS");
        assertThat(a.recordType()).isEqualTo(RecordType.INTERIM_RECORD);
        assertThat(a.recordNumber()).isEqualTo(4);
        assertThat(a.interimIntervalSeconds()).isEqualTo(300);
        assertThat(a.errorMessage()).isEqualTo("fine");
        assertThat(a.isSuccess()).isTrue();
    }

    @Test
    void withoutResultCodeTheExperimentalResultCodeIsTheResult() {
        AccountingAnswer a =
                AccountingAnswer.read(
                        D,
                        aca().add(
                                        D.grouped(
                                                "Experimental-Result",
                                                D.avp("Vendor-Id", 10415L),
                                                D.avp("Experimental-Result-Code", 5030L))));
        assertThat(a.resultCode()).isEqualTo(5030);
        assertThat(a.isSuccess()).isFalse();
        assertThat(a.recordType()).isNull();
        assertThat(a.recordNumber()).isEqualTo(-1);
        assertThat(a.interimIntervalSeconds()).isNull();
    }

    @Test
    void malformedAvpsReadAsAbsentInsteadOfThrowing() {
        AccountingAnswer a =
                AccountingAnswer.read(
                        D,
                        aca().add(Avp.ofBytes(268, 0, 0x40, new byte[] {1, 2})) // Result-Code
                                .add(Avp.ofInt32(480, 0, 0x40, 9)) // no such record type
                                .add(Avp.ofBytes(485, 0, 0x40, new byte[] {1})) // record number
                                .add(Avp.ofBytes(85, 0, 0x40, new byte[0]))); // interval
        assertThat(a.resultCode()).isEqualTo(-1);
        assertThat(a.resultName()).isEqualTo("unknown");
        assertThat(a.recordType()).isNull();
        assertThat(a.recordNumber()).isEqualTo(-1);
        assertThat(a.interimIntervalSeconds()).isNull();
    }
}
