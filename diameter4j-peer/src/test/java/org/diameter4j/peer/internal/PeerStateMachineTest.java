package org.diameter4j.peer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.peer.PeerState.CLOSED;
import static org.diameter4j.peer.PeerState.I_OPEN;
import static org.diameter4j.peer.PeerState.R_OPEN;
import static org.diameter4j.peer.PeerState.WAIT_CONN_ACK;
import static org.diameter4j.peer.PeerState.WAIT_CONN_ACK_ELECT;
import static org.diameter4j.peer.PeerState.WAIT_I_CEA;
import static org.diameter4j.peer.PeerState.WAIT_RETURNS;
import static org.diameter4j.peer.internal.PeerAction.ELECT;
import static org.diameter4j.peer.internal.PeerAction.I_DISC;
import static org.diameter4j.peer.internal.PeerAction.I_SND_CER;
import static org.diameter4j.peer.internal.PeerAction.I_SND_CONN_REQ;
import static org.diameter4j.peer.internal.PeerAction.PROCESS_CEA;
import static org.diameter4j.peer.internal.PeerAction.PROCESS_CER;
import static org.diameter4j.peer.internal.PeerAction.R_ACCEPT;
import static org.diameter4j.peer.internal.PeerAction.R_DISC;
import static org.diameter4j.peer.internal.PeerAction.R_SND_CEA;
import static org.diameter4j.peer.internal.PeerAction.R_SND_MESSAGE;
import static org.diameter4j.peer.internal.PeerEvent.I_PEER_DISC;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_CEA;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_CONN_ACK;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_CONN_NACK;
import static org.diameter4j.peer.internal.PeerEvent.R_CONN_CER;
import static org.diameter4j.peer.internal.PeerEvent.R_PEER_DISC;
import static org.diameter4j.peer.internal.PeerEvent.SEND_MESSAGE;
import static org.diameter4j.peer.internal.PeerEvent.START;
import static org.diameter4j.peer.internal.PeerEvent.STOP;
import static org.diameter4j.peer.internal.PeerEvent.WIN_ELECTION;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.internal.PeerStateMachine.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PeerStateMachine} running the RFC 6733 §5.6 table: actions in row order, next states,
 * failing actions, events raised by actions, unexpected events, and the election of §5.6.4.
 */
class PeerStateMachineTest {

    /** Records every call; an action's behaviour can be replaced per action. */
    static final class Recorder implements PeerStateMachine.Actions {
        final List<String> log = new ArrayList<>();
        final List<PeerAction> performed = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();
        final Map<PeerAction, Function<PeerEvent, Outcome>> behaviour =
                new EnumMap<>(PeerAction.class);
        PeerStateMachine fsm;

        @Override
        public Outcome perform(PeerAction action, PeerEvent event, Object data) {
            performed.add(action);
            log.add(action + "@" + fsm.state());
            Function<PeerEvent, Outcome> b = behaviour.get(action);
            return b == null ? Outcome.OK : b.apply(event);
        }

        @Override
        public void stateChanged(PeerState from, PeerState to, PeerEvent event) {
            changes.add(from + "->" + to + " on " + event);
            log.add("state " + from + "->" + to);
        }

        @Override
        public void unexpected(PeerState state, PeerEvent event, Object data) {
            unexpected.add(state + "/" + event + "/" + data);
        }

        void clear() {
            log.clear();
            performed.clear();
            changes.clear();
            unexpected.clear();
        }
    }

    private final Recorder rec = new Recorder();
    private final PeerStateMachine fsm = new PeerStateMachine(rec);

    {
        rec.fsm = fsm;
    }

    /** Events that lead from Closed to {@code target} with actions that all succeed. */
    private static List<PeerEvent> pathTo(PeerState target) {
        return switch (target) {
            case CLOSED -> List.of();
            case WAIT_CONN_ACK -> List.of(START);
            case WAIT_I_CEA -> List.of(START, I_RCV_CONN_ACK);
            case WAIT_CONN_ACK_ELECT -> List.of(START, R_CONN_CER);
            case WAIT_RETURNS -> List.of(START, I_RCV_CONN_ACK, R_CONN_CER); // election lost
            case R_OPEN -> List.of(R_CONN_CER);
            case I_OPEN -> List.of(START, I_RCV_CONN_ACK, I_RCV_CEA);
            case CLOSING -> List.of(R_CONN_CER, STOP);
        };
    }

    private void driveTo(PeerState target) {
        for (PeerEvent e : pathTo(target)) {
            fsm.fire(e, null);
        }
        assertThat(fsm.state()).isEqualTo(target);
        rec.clear();
    }

    static Stream<Arguments> rows() {
        List<Arguments> out = new ArrayList<>();
        for (PeerState s : PeerState.values()) {
            for (PeerEvent e : PeerEvent.values()) {
                PeerTransitionTable.Transition t = PeerTransitionTable.lookup(s, e);
                if (t != null) {
                    out.add(Arguments.of(s, e, t));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("rows")
    void eachRowRunsItsActionsInOrderAndMovesToItsNextState(
            PeerState state, PeerEvent event, PeerTransitionTable.Transition row) {
        driveTo(state);

        fsm.fire(event, "data");

        assertThat(rec.performed).containsExactlyElementsOf(row.actions());
        assertThat(fsm.state()).isEqualTo(row.next());
        assertThat(rec.unexpected).isEmpty();
        if (state == row.next()) {
            assertThat(rec.changes).isEmpty();
        } else {
            assertThat(rec.changes).containsExactly(state + "->" + row.next() + " on " + event);
            // the actions run before the state changes
            assertThat(rec.log.get(rec.log.size() - 1)).startsWith("state ");
        }
    }

    @Test
    void rowsCoverAllFortyThreeTransitions() {
        assertThat(rows()).hasSize(43);
    }

    @Test
    void actionsReceiveTheEventAndItsData() {
        List<Object> seen = new ArrayList<>();
        PeerStateMachine m =
                new PeerStateMachine(
                        new PeerStateMachine.Actions() {
                            @Override
                            public Outcome perform(PeerAction a, PeerEvent e, Object data) {
                                seen.add(a + "/" + e + "/" + data);
                                return Outcome.OK;
                            }

                            @Override
                            public void stateChanged(PeerState from, PeerState to, PeerEvent e) {}

                            @Override
                            public void unexpected(PeerState s, PeerEvent e, Object data) {}
                        });
        m.fire(START, "conn-1");
        assertThat(seen).containsExactly("I_SND_CONN_REQ/START/conn-1");
    }

    @Test
    void failingActionSkipsTheRestOfTheRowAndLandsInTheNamedState() {
        rec.behaviour.put(PROCESS_CER, e -> Outcome.goTo(CLOSED));

        fsm.fire(R_CONN_CER, "cer");

        assertThat(rec.performed).containsExactly(R_ACCEPT, PROCESS_CER); // no R-Snd-CEA
        assertThat(fsm.state()).isEqualTo(CLOSED);
        assertThat(rec.changes).isEmpty(); // Closed -> Closed is no change
    }

    @Test
    void failingCeaInWaitReturnsKeepsTheResponderAndClosesInstead() {
        driveTo(WAIT_RETURNS);
        rec.behaviour.put(PROCESS_CEA, e -> Outcome.goTo(CLOSED));

        fsm.fire(I_RCV_CEA, "cea");

        assertThat(rec.performed).containsExactly(PROCESS_CEA); // R-Disc skipped
        assertThat(fsm.state()).isEqualTo(CLOSED);
        assertThat(rec.changes).containsExactly("Wait-Returns->Closed on I_RCV_CEA");
    }

    @Test
    void failingLastActionStillRedirectsTheNextState() {
        rec.behaviour.put(I_SND_CONN_REQ, e -> Outcome.goTo(CLOSED));

        fsm.fire(START, null);

        assertThat(rec.performed).containsExactly(I_SND_CONN_REQ);
        assertThat(fsm.state()).isEqualTo(CLOSED);
        assertThat(rec.changes).isEmpty();
    }

    @Test
    void eventWithoutRowIsReportedAndLeavesTheStateUnchanged() {
        fsm.fire(STOP, "why");

        assertThat(rec.unexpected).containsExactly("Closed/STOP/why");
        assertThat(rec.performed).isEmpty();
        assertThat(rec.changes).isEmpty();
        assertThat(fsm.state()).isEqualTo(CLOSED);
    }

    @Test
    void eventWithoutRowInAnOpenStateKeepsItOpen() {
        driveTo(I_OPEN);

        fsm.fire(PeerEvent.R_RCV_MESSAGE, null); // R- traffic while the I- connection is in use

        assertThat(rec.unexpected).containsExactly("I-Open/R_RCV_MESSAGE/null");
        assertThat(fsm.state()).isEqualTo(I_OPEN);
        assertThat(rec.changes).isEmpty();
    }

    @Test
    void stateChangedIsNotCalledWhenTheRowStaysInTheSameState() {
        driveTo(R_OPEN);

        fsm.fire(SEND_MESSAGE, "msg");
        fsm.fire(PeerEvent.R_RCV_DWR, "dwr");
        fsm.fire(R_CONN_CER, "cer"); // R-Reject

        assertThat(rec.performed)
                .containsExactly(
                        R_SND_MESSAGE,
                        PeerAction.PROCESS_DWR,
                        PeerAction.R_SND_DWA,
                        PeerAction.R_REJECT);
        assertThat(rec.changes).isEmpty();
        assertThat(fsm.state()).isEqualTo(R_OPEN);
    }

    @Test
    void eventFiredByAnActionRunsAfterTheRowInTheNewState() {
        // R-Accept raises Send-Message: it must wait until the row has moved Closed -> R-Open.
        rec.behaviour.put(
                R_ACCEPT,
                e -> {
                    fsm.fire(SEND_MESSAGE, "queued");
                    return Outcome.OK;
                });

        fsm.fire(R_CONN_CER, "cer");

        assertThat(rec.log)
                .containsExactly(
                        "R_ACCEPT@Closed",
                        "PROCESS_CER@Closed",
                        "R_SND_CEA@Closed",
                        "state Closed->R-Open",
                        "R_SND_MESSAGE@R-Open");
        assertThat(rec.unexpected).isEmpty();
        assertThat(fsm.state()).isEqualTo(R_OPEN);
    }

    @Test
    void eventFiredByAFailingActionRunsInTheStateTheFailureChose() {
        rec.behaviour.put(
                PROCESS_CER,
                e -> {
                    fsm.fire(SEND_MESSAGE, null);
                    return Outcome.goTo(CLOSED);
                });

        fsm.fire(R_CONN_CER, null);

        assertThat(fsm.state()).isEqualTo(CLOSED);
        assertThat(rec.unexpected).containsExactly("Closed/SEND_MESSAGE/null");
    }

    // ---- election, RFC 6733 §5.6.4 ------------------------------------------------------------

    private void electionWon() {
        rec.behaviour.put(
                ELECT,
                e -> {
                    fsm.fire(WIN_ELECTION, null);
                    return Outcome.OK;
                });
    }

    @Test
    void electionWonInWaitICeaKeepsTheResponderConnection() {
        driveTo(WAIT_I_CEA);
        electionWon();

        fsm.fire(R_CONN_CER, "cer");

        assertThat(rec.log)
                .containsExactly(
                        "R_ACCEPT@Wait-I-CEA",
                        "PROCESS_CER@Wait-I-CEA",
                        "ELECT@Wait-I-CEA",
                        "state Wait-I-CEA->Wait-Returns",
                        "I_DISC@Wait-Returns",
                        "R_SND_CEA@Wait-Returns",
                        "state Wait-Returns->R-Open");
        assertThat(fsm.state()).isEqualTo(R_OPEN);
        assertThat(rec.changes)
                .containsExactly(
                        "Wait-I-CEA->Wait-Returns on R_CONN_CER",
                        "Wait-Returns->R-Open on WIN_ELECTION");
    }

    @Test
    void electionLostInWaitICeaWaitsForTheCeaThenKeepsTheInitiatorConnection() {
        driveTo(WAIT_I_CEA);

        fsm.fire(R_CONN_CER, "cer"); // Elect raises nothing: lost
        assertThat(fsm.state()).isEqualTo(WAIT_RETURNS);
        assertThat(rec.performed).containsExactly(R_ACCEPT, PROCESS_CER, ELECT);

        rec.clear();
        fsm.fire(I_RCV_CEA, "cea");

        assertThat(rec.performed).containsExactly(PROCESS_CEA, R_DISC);
        assertThat(fsm.state()).isEqualTo(I_OPEN);
        assertThat(rec.changes).containsExactly("Wait-Returns->I-Open on I_RCV_CEA");
    }

    @Test
    void electionLostThenInitiatorDisconnectFallsBackToTheResponder() {
        driveTo(WAIT_RETURNS);

        fsm.fire(I_PEER_DISC, null);

        assertThat(rec.performed).containsExactly(I_DISC, R_SND_CEA);
        assertThat(fsm.state()).isEqualTo(R_OPEN);
    }

    @Test
    void electionLostThenResponderDisconnectWaitsForTheCeaAgain() {
        driveTo(WAIT_RETURNS);

        fsm.fire(R_PEER_DISC, null);

        assertThat(rec.performed).containsExactly(R_DISC);
        assertThat(fsm.state()).isEqualTo(WAIT_I_CEA);
    }

    @Test
    void cerWhileConnectingWaitsInWaitConnAckElectAndElectsOnceConnected() {
        electionWon();
        fsm.fire(START, null);
        fsm.fire(R_CONN_CER, "cer");
        assertThat(fsm.state()).isEqualTo(WAIT_CONN_ACK_ELECT);
        assertThat(rec.performed).containsExactly(I_SND_CONN_REQ, R_ACCEPT, PROCESS_CER);

        rec.clear();
        fsm.fire(I_RCV_CONN_ACK, "conn");

        assertThat(rec.log)
                .containsExactly(
                        "I_SND_CER@Wait-Conn-Ack/Elect",
                        "ELECT@Wait-Conn-Ack/Elect",
                        "state Wait-Conn-Ack/Elect->Wait-Returns",
                        "I_DISC@Wait-Returns",
                        "R_SND_CEA@Wait-Returns",
                        "state Wait-Returns->R-Open");
        assertThat(fsm.state()).isEqualTo(R_OPEN);
    }

    @Test
    void cerWhileConnectingThenLostElectionOpensOnTheInitiatorWhenItsCeaArrives() {
        fsm.fire(START, null);
        fsm.fire(R_CONN_CER, "cer");
        fsm.fire(I_RCV_CONN_ACK, "conn");
        assertThat(fsm.state()).isEqualTo(WAIT_RETURNS);

        rec.clear();
        fsm.fire(I_RCV_CEA, "cea");

        assertThat(rec.performed).containsExactly(PROCESS_CEA, R_DISC);
        assertThat(fsm.state()).isEqualTo(I_OPEN);
    }

    @Test
    void connectFailureInWaitConnAckElectAnswersTheResponder() {
        driveTo(WAIT_CONN_ACK_ELECT);

        fsm.fire(I_RCV_CONN_NACK, null);

        assertThat(rec.performed).containsExactly(R_SND_CEA);
        assertThat(fsm.state()).isEqualTo(R_OPEN);
    }

    @Test
    void responderDisconnectInWaitConnAckElectKeepsConnecting() {
        driveTo(WAIT_CONN_ACK_ELECT);

        fsm.fire(R_PEER_DISC, null);

        assertThat(rec.performed).containsExactly(R_DISC);
        assertThat(fsm.state()).isEqualTo(WAIT_CONN_ACK);
    }

    @Test
    void winElectionOutsideWaitReturnsIsUnexpected() {
        driveTo(WAIT_CONN_ACK_ELECT);

        fsm.fire(R_CONN_CER, "second cer"); // a second responder connection: R-Reject
        fsm.fire(WIN_ELECTION, null); // no election is held before the I- connection is up

        assertThat(rec.performed).containsExactly(PeerAction.R_REJECT);
        assertThat(rec.unexpected).containsExactly("Wait-Conn-Ack/Elect/WIN_ELECTION/null");
        assertThat(fsm.state()).isEqualTo(WAIT_CONN_ACK_ELECT);
    }

    @Test
    void fullLifecycleOverTheInitiatorConnection() {
        fsm.fire(START, null);
        fsm.fire(I_RCV_CONN_ACK, null);
        fsm.fire(I_RCV_CEA, null);
        fsm.fire(STOP, null);
        fsm.fire(PeerEvent.I_RCV_DPA, null);

        assertThat(rec.changes)
                .containsExactly(
                        "Closed->Wait-Conn-Ack on START",
                        "Wait-Conn-Ack->Wait-I-CEA on I_RCV_CONN_ACK",
                        "Wait-I-CEA->I-Open on I_RCV_CEA",
                        "I-Open->Closing on STOP",
                        "Closing->Closed on I_RCV_DPA");
        assertThat(rec.performed)
                .containsExactly(
                        I_SND_CONN_REQ, I_SND_CER, PROCESS_CEA, PeerAction.I_SND_DPR, I_DISC);
    }
}
