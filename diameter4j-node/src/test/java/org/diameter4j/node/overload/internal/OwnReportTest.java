package org.diameter4j.node.overload.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.diameter4j.codec.Avp;
import org.diameter4j.node.overload.OverloadReport;
import org.junit.jupiter.api.Test;

/** A reporting node's own report (RFC 7683 §5.2.2, §6.2, §7.3–7.7), on a fake clock. */
class OwnReportTest {
    private final AtomicLong now = new AtomicLong(0);
    private final OwnReport own = new OwnReport(now::get, 1000);

    private static DoicAvps.Olr read(Avp a) {
        return DoicAvps.read(a);
    }

    @Test
    void nothingToReportAtFirst() {
        assertThat(own.olr()).isNull();
        assertThat(own.view("ocs")).isNull();
    }

    @Test
    void aReportCarriesANewSequenceNumberTheReductionAndTheValidityLeft() {
        own.report(OverloadReport.Type.HOST, 30, Duration.ofSeconds(10));
        DoicAvps.Olr olr = read(own.olr());
        assertThat(olr).isEqualTo(new DoicAvps.Olr(1001, 0, 30, 10));
        assertThat(own.olr()).as("built once while nothing changes").isSameAs(own.olr());
        now.addAndGet(2_500);
        assertThat(read(own.olr()).validitySeconds())
                .as("seconds left, rounded up, for a reacting node that hears of it late")
                .isEqualTo(8);
        own.report(OverloadReport.Type.REALM, 50, Duration.ofSeconds(10));
        assertThat(read(own.olr())).isEqualTo(new DoicAvps.Olr(1002, 1, 50, 10));
    }

    @Test
    void aReportLapsesAfterItsValidity() {
        own.report(OverloadReport.Type.HOST, 30, Duration.ofSeconds(2));
        now.addAndGet(2_000);
        assertThat(own.olr()).isNull();
        assertThat(own.inForce()).isFalse();
    }

    @Test
    void endingSendsValidityZeroWithANewSequenceForAsLongAsTheReportWouldHaveLasted() {
        own.report(OverloadReport.Type.HOST, 30, Duration.ofSeconds(10));
        now.addAndGet(4_000);
        own.end();
        assertThat(read(own.olr())).isEqualTo(new DoicAvps.Olr(1002, 0, 30, 0));
        assertThat(own.inForce()).isFalse();
        now.addAndGet(5_999);
        assertThat(own.olr()).isNotNull();
        now.addAndGet(1);
        assertThat(own.olr()).isNull();
        own.end();
        assertThat(own.olr()).as("ending nothing sends nothing").isNull();
    }

    @Test
    void refusesWhatTheAvpsCannotSay() {
        assertThatThrownBy(() -> own.report(OverloadReport.Type.HOST, 101, Duration.ofSeconds(1)))
                .hasMessageContaining("§7.7");
        assertThatThrownBy(() -> own.report(OverloadReport.Type.HOST, 30, Duration.ofMillis(500)))
                .hasMessageContaining("§7.5");
    }
}
