package org.diameter4j.node.overload.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.node.overload.OverloadReport.Type.HOST;
import static org.diameter4j.node.overload.OverloadReport.Type.REALM;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.diameter4j.node.overload.internal.ReportTable.Change;
import org.junit.jupiter.api.Test;

/**
 * A reacting node's overload control state (RFC 7683 §5.2.1.1, §5.2.3), state × event, on a fake
 * clock: nothing here sleeps.
 */
class ReportTableTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ReportTable table = new ReportTable(now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }

    @Test
    void aFirstReportCreatesStateForItsReporterAndApplication() {
        assertThat(table.apply(HOST, "ocs1.example.net", 4, 10, 30, 20)).isEqualTo(Change.CREATED);
        assertThat(table.active(HOST, "OCS1.example.net", 4).reduction)
                .as("§5.2.3: the host is the answer's Origin-Host, a DiameterIdentity: any case")
                .isEqualTo(30);
        assertThat(table.active(HOST, "ocs1.example.net", 16777238))
                .as("§5.2.1.1: state is per application")
                .isNull();
        assertThat(table.active(REALM, "ocs1.example.net", 4)).as("per report type").isNull();
        assertThat(table.activeReports())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.sequenceNumber()).isEqualTo(10);
                            assertThat(r.remaining()).isEqualTo(Duration.ofSeconds(20));
                        });
    }

    @Test
    void aNewerSequenceNumberReplacesTheReport() {
        table.apply(HOST, "ocs1", 4, 10, 30, 20);
        advance(Duration.ofSeconds(5));
        assertThat(table.apply(HOST, "ocs1", 4, 11, 50, 20)).isEqualTo(Change.REPLACED);
        ReportTable.Entry e = table.active(HOST, "ocs1", 4);
        assertThat(e.reduction).isEqualTo(50);
        assertThat(table.activeReports().get(0).remaining())
                .as("§7.5: the validity counts from the first answer with the new number")
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void anOlderOrRepeatedSequenceNumberIsIgnored() {
        table.apply(HOST, "ocs1", 4, 10, 30, 20);
        assertThat(table.apply(HOST, "ocs1", 4, 9, 90, 60)).isEqualTo(Change.IGNORED);
        advance(Duration.ofSeconds(15));
        assertThat(table.apply(HOST, "ocs1", 4, 10, 30, 20))
                .as("the same report in every answer does not prolong it (§7.5)")
                .isEqualTo(Change.IGNORED);
        assertThat(table.active(HOST, "ocs1", 4).reduction).isEqualTo(30);
        assertThat(table.activeReports().get(0).remaining()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aReportExpiresWhenItsValidityPasses() {
        table.apply(REALM, "realm-s.net", 4, 10, 30, 2);
        advance(Duration.ofMillis(1_999));
        assertThat(table.active(REALM, "realm-s.net", 4)).isNotNull();
        advance(Duration.ofMillis(1));
        assertThat(table.active(REALM, "realm-s.net", 4)).isNull();
        assertThat(table.activeReports()).isEmpty();
        assertThat(table.apply(REALM, "realm-s.net", 4, 10, 30, 2))
                .as("a late copy of the expired report does not bring it back")
                .isEqualTo(Change.IGNORED);
        assertThat(table.active(REALM, "realm-s.net", 4)).isNull();
        assertThat(table.apply(REALM, "realm-s.net", 4, 11, 20, 2))
                .as("a new report after expiry is a new overload")
                .isEqualTo(Change.CREATED);
    }

    @Test
    void validityZeroEndsTheReport() {
        table.apply(HOST, "ocs1", 4, 10, 30, 20);
        assertThat(table.apply(HOST, "ocs1", 4, 11, 30, 0)).isEqualTo(Change.ENDED);
        assertThat(table.active(HOST, "ocs1", 4)).isNull();
        assertThat(table.apply(HOST, "ocs1", 4, 11, 30, 0))
                .as("repeated in the following answers: nothing more to end")
                .isEqualTo(Change.IGNORED);
        assertThat(table.apply(HOST, "ocs1", 4, 10, 30, 20))
                .as("the report it ended, arriving late, stays ended")
                .isEqualTo(Change.IGNORED);
    }

    @Test
    void validityZeroWithoutAReportChangesNothing() {
        assertThat(table.apply(HOST, "ocs1", 4, 10, 30, 0)).isEqualTo(Change.IGNORED);
        assertThat(table.isEmpty()).isTrue();
    }

    @Test
    void sequenceNumbersCompareAsUnsigned64() {
        table.apply(HOST, "ocs1", 4, Long.MAX_VALUE, 30, 20);
        assertThat(table.apply(HOST, "ocs1", 4, Long.MIN_VALUE, 40, 20))
                .as("2^63 is newer than 2^63 - 1 (§7.4 Unsigned64)")
                .isEqualTo(Change.REPLACED);
    }

    @Test
    void theThrottledCountSurvivesAReplacement() {
        table.apply(HOST, "ocs1", 4, 10, 30, 20);
        table.active(HOST, "ocs1", 4).throttled.add(7);
        table.apply(HOST, "ocs1", 4, 11, 40, 20);
        assertThat(table.activeReports().get(0).throttled()).isEqualTo(7);
    }
}
