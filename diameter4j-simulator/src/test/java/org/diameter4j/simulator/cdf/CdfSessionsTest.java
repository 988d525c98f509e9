package org.diameter4j.simulator.cdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalLong;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.session.SessionStoreFullException;
import org.junit.jupiter.api.Test;

/** The CDF's open accounting sessions (RFC 6733 §8.2, stateful server) on a virtual clock. */
class CdfSessionsTest {
    private final ManualTimers timers = new ManualTimers();

    private CdfSessions sessions(int max, Duration ts) {
        return new CdfSessions(max, ts, timers);
    }

    @Test
    void startOpensInterimAdvancesStopCloses() {
        CdfSessions s = sessions(10, null);
        assertThat(s.start("a", 0)).isNotNull();
        assertThat(s.interim("a", 1)).isTrue();
        assertThat(s.lastRecordNumber("a")).isEqualTo(OptionalLong.of(1));
        s.close("a");
        assertThat(s.lastRecordNumber("a")).isEmpty();
        assertThat(s.size()).isZero();
    }

    @Test
    void aRetransmittedStartOfAnOpenSessionOpensNothing() {
        CdfSessions s = sessions(10, null);
        s.start("a", 0);
        s.interim("a", 3);
        assertThat(s.start("a", 0)).isNull();
        assertThat(s.lastRecordNumber("a")).as("an older number does not go back").hasValue(3);
        assertThat(s.size()).isEqualTo(1);
    }

    @Test
    void anInterimOrStopOfASessionNotOpenOpensNone() {
        CdfSessions s = sessions(10, null);
        assertThat(s.interim("never-started", 4)).isFalse();
        s.close("never-started");
        assertThat(s.size()).isZero();
    }

    @Test
    void whenFullANewStartIsRefusedAndOpenSessionsGoOn() {
        CdfSessions s = sessions(2, null);
        s.start("a", 0);
        s.start("b", 0);
        assertThatThrownBy(() -> s.start("c", 0))
                .isInstanceOf(SessionStoreFullException.class)
                .hasMessageContaining("c");
        assertThat(s.interim("a", 1)).isTrue();
        assertThat(s.start("b", 0)).as("a copy of an open session's START").isNull();
        assertThat(s.interim("c", 1)).as("not open, and full: stored statelessly").isFalse();
        s.close("a");
        assertThat(s.start("c", 0)).as("the STOP freed a slot").isNotNull();
    }

    @Test
    void withoutTsASessionStaysOpenUntilItsStop() {
        CdfSessions s = sessions(10, null);
        assertThat(timers.pending()).as("no Ts, no sweep").isZero();
        s.start("a", 0);
        timers.advance(Duration.ofDays(365));
        assertThat(s.purgeExpired()).isZero();
        assertThat(s.lastRecordNumber("a")).hasValue(0);
    }

    @Test
    void aSessionSilentForTsIsClosedAndEachRecordRestartsTs() {
        CdfSessions s = sessions(10, Duration.ofSeconds(60));
        s.start("a", 0);
        s.start("b", 0);
        timers.advance(59_000);
        s.interim("a", 1);
        assertThat(s.size()).isEqualTo(2);
        timers.advance(2_000); // b: 61 s silent; a: 2 s since its interim
        assertThat(s.size()).as("the sweep closed b").isEqualTo(1);
        assertThat(s.lastRecordNumber("b")).isEmpty();
        assertThat(s.lastRecordNumber("a")).hasValue(1);
        assertThat(s.interim("b", 1)).as("an interim after Ts reopens nothing").isFalse();
    }

    @Test
    void expiredSessionsMakeRoomForANewStart() {
        CdfSessions s = sessions(1, Duration.ofSeconds(10));
        s.start("a", 0);
        timers.advance(10_000);
        assertThat(s.start("b", 0)).isNotNull();
        assertThat(s.size()).isEqualTo(1);
    }

    @Test
    void undoOpenDropsOnlyTheSessionThatCallOpened() {
        CdfSessions s = sessions(10, null);
        CdfSessions.Open first = s.start("a", 0);
        s.undoOpen("a", first);
        assertThat(s.size()).isZero();
        CdfSessions.Open second = s.start("a", 0);
        s.undoOpen("a", first);
        assertThat(s.lastRecordNumber("a")).as("a later open is not undone").hasValue(0);
        s.undoOpen("a", second);
        assertThat(s.size()).isZero();
    }

    @Test
    void undoOpenOfASessionAlreadyClosedInAFullStoreIsHarmless() {
        CdfSessions s = sessions(1, null);
        CdfSessions.Open a = s.start("a", 0);
        s.close("a");
        s.start("b", 0);
        s.undoOpen("a", a);
        assertThat(s.lastRecordNumber("b")).hasValue(0);
    }

    @Test
    void closeStopsTheSweep() {
        CdfSessions s = sessions(10, Duration.ofSeconds(5));
        s.start("a", 0);
        assertThat(timers.pending()).as("one sweep timer for all sessions").isEqualTo(1);
        s.close();
        assertThat(timers.pending()).isZero();
        timers.advance(Duration.ofMinutes(1));
        assertThat(s.size()).as("no sweep ran after close").isEqualTo(1);
    }
}
