package org.diameter4j.gy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.session.SessionStoreFullException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's sessions: bounded (5006 beyond), and released by Tcc (RFC 4006 §13) on a sweep. */
class GyServerSessionsTest {
    private final ManualTimers clock = new ManualTimers();
    private final List<String> released = new ArrayList<>();
    private final GyServerSessions<String> sessions =
            new GyServerSessions<>(
                    null, clock, Duration.ofSeconds(10), (id, s) -> released.add(id + "=" + s), 2);

    @AfterEach
    void close() {
        sessions.close();
    }

    @Test
    void aSessionBeyondTheBoundIsRefusedAndFitsOnceAnotherEnds() {
        sessions.touch("a", "peer", "pgw", s -> "A");
        sessions.touch("b", "peer", "pgw", s -> "B");
        assertThatThrownBy(() -> sessions.touch("c", "peer", "pgw", s -> "C"))
                .isInstanceOf(SessionStoreFullException.class)
                .hasMessageContaining("2 sessions are active");
        // A known session is updated even when the store is full.
        assertThat(sessions.touch("a", "peer2", "pgw", s -> s + "'")).isEqualTo("A'");
        assertThat(sessions.peerOf("a")).isEqualTo("peer2");

        assertThat(sessions.remove("b")).isEqualTo("B");
        assertThat(sessions.touch("c", "peer", "pgw", s -> "C")).isEqualTo("C");
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(released).as("ended sessions are not 'expired'").isEmpty();
    }

    @Test
    void tccReleasesASilentSessionWithinASweepWithoutAnyoneAsking() {
        sessions.touch("a", "peer", "pgw", s -> "A");
        clock.advance(Duration.ofSeconds(9));
        sessions.touch("a", "peer", "pgw", s -> s + "+"); // a CCR restarts Tcc
        clock.advance(Duration.ofSeconds(9));
        assertThat(released).isEmpty();
        clock.advance(Duration.ofSeconds(1).plus(GyServerSessions.SWEEP));
        assertThat(released).containsExactly("a=A+");
        assertThat(sessions.size()).isZero();
        assertThat(sessions.get("a")).isNull();
    }

    @Test
    void anExpiredSessionMakesRoomForANewOne() {
        sessions.touch("a", "peer", "pgw", s -> "A");
        sessions.touch("b", "peer", "pgw", s -> "B");
        clock.advance(Duration.ofSeconds(10)); // both silent for Tcc, before the sweep saw them
        assertThat(sessions.touch("c", "peer", "pgw", s -> "C")).isEqualTo("C");
        assertThat(released).containsExactlyInAnyOrder("a=A", "b=B");
    }
}
