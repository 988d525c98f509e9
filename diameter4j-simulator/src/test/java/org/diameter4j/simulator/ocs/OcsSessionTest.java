package org.diameter4j.simulator.ocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ManualTimers;
import org.junit.jupiter.api.Test;

/**
 * What one credit-control session holds (RFC 4006 §5.1.2): a reservation per rating group, each
 * ended exactly once, and the body of its last answer for a retransmitted CCR (§5.7).
 */
class OcsSessionTest {
    private static final Dictionary D = Dictionary.standard();
    private final ManualTimers timers = new ManualTimers();
    private final Account account = new Account("41780000001", new Balance(1_000, 100, 10));
    private final OcsSession session = new OcsSession("41780000001", account);

    /** Reserves {@code octets} on the account and records it for {@code group}, as the OCS does. */
    private void hold(long group, long octets, Duration validity) {
        long granted = account.reserve(Account.OCTETS, octets, Long.MAX_VALUE);
        session.hold(group, new long[] {granted, 0, 0}, validity, timers);
    }

    @Test
    void oneRatingGroupIsHeldThenChargedAndTheRestGoesBack() {
        hold(100, 300, null);
        assertThat(session.held(100)).containsExactly(300, 0, 0);

        session.charge(100, new long[] {120, 0, 0});

        assertThat(session.held(100)).containsExactly(0, 0, 0);
        assertThat(account.available().octets()).isEqualTo(880);
        assertThat(account.charged().octets()).isEqualTo(120);
        assertThat(account.reserved().octets()).isZero();
    }

    @Test
    void severalRatingGroupsAreHeldApartAndEachIsChargedOnItsOwn() {
        hold(100, 100, null);
        hold(200, 200, null);
        hold(300, 300, null);

        session.charge(200, new long[] {50, 0, 0});

        assertThat(session.held(100)).containsExactly(100, 0, 0);
        assertThat(session.held(200)).containsExactly(0, 0, 0);
        assertThat(session.held(300)).containsExactly(300, 0, 0);
        assertThat(account.reserved().octets()).isEqualTo(400);

        session.charge(100, new long[] {100, 0, 0});
        hold(400, 10, null); // after the first group was charged: still kept apart
        assertThat(session.held(300)).containsExactly(300, 0, 0);
        assertThat(session.held(400)).containsExactly(10, 0, 0);
    }

    @Test
    void aNewReservationOnTheSameGroupReleasesTheOneBefore() {
        hold(100, 300, null);
        hold(100, 200, null);

        assertThat(session.held(100)).containsExactly(200, 0, 0);
        assertThat(account.reserved().octets()).isEqualTo(200);
        assertThat(account.available().octets()).isEqualTo(800);
    }

    @Test
    void releaseAllEndsEveryReservation() {
        hold(100, 100, null);
        hold(200, 200, null);

        session.releaseAll();

        assertThat(session.held(100)).containsExactly(0, 0, 0);
        assertThat(session.held(200)).containsExactly(0, 0, 0);
        assertThat(account.reserved().octets()).isZero();
        assertThat(account.available().octets()).isEqualTo(1_000);
    }

    @Test
    void validityTimeReleasesAReservationThatWasNotReported() {
        // RFC 4006 §8.33: with no report within Validity-Time the units go back.
        hold(100, 100, Duration.ofSeconds(10));
        hold(200, 200, Duration.ofSeconds(20));

        timers.advance(Duration.ofSeconds(15));

        assertThat(session.held(100)).containsExactly(0, 0, 0);
        assertThat(session.held(200)).containsExactly(200, 0, 0);
        assertThat(account.reserved().octets()).isEqualTo(200);
    }

    @Test
    void theLastAnswerBodyComesBackAsItWasSent() {
        assertThat(session.lastBody()).isNull();
        List<Avp> body = new ArrayList<>();
        body.add(
                D.grouped(
                        "Multiple-Services-Credit-Control",
                        D.grouped("Granted-Service-Unit", D.avp("CC-Total-Octets", 1_000_000L)),
                        D.avp("Rating-Group", 100),
                        D.avp("Result-Code", 2001)));
        body.add(D.avp("Validity-Time", 3600));

        session.lastBody(body);
        body.clear(); // what was kept does not change with the caller's list

        List<Avp> back = new ArrayList<>();
        session.lastBody().forEach(back::add);
        assertThat(back).hasSize(2);
        assertThat(back.get(0).toBytes())
                .isEqualTo(
                        D.grouped(
                                        "Multiple-Services-Credit-Control",
                                        D.grouped(
                                                "Granted-Service-Unit",
                                                D.avp("CC-Total-Octets", 1_000_000L)),
                                        D.avp("Rating-Group", 100),
                                        D.avp("Result-Code", 2001))
                                .toBytes());
        assertThat(back.get(1).asUnsigned32()).isEqualTo(3600);
    }
}
