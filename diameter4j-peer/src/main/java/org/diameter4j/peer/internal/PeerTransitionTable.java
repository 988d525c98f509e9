package org.diameter4j.peer.internal;

import static org.diameter4j.peer.PeerState.CLOSED;
import static org.diameter4j.peer.PeerState.CLOSING;
import static org.diameter4j.peer.PeerState.I_OPEN;
import static org.diameter4j.peer.PeerState.R_OPEN;
import static org.diameter4j.peer.PeerState.WAIT_CONN_ACK;
import static org.diameter4j.peer.PeerState.WAIT_CONN_ACK_ELECT;
import static org.diameter4j.peer.PeerState.WAIT_I_CEA;
import static org.diameter4j.peer.PeerState.WAIT_RETURNS;
import static org.diameter4j.peer.internal.PeerAction.CLEANUP;
import static org.diameter4j.peer.internal.PeerAction.ELECT;
import static org.diameter4j.peer.internal.PeerAction.ERROR;
import static org.diameter4j.peer.internal.PeerAction.I_DISC;
import static org.diameter4j.peer.internal.PeerAction.I_SND_CER;
import static org.diameter4j.peer.internal.PeerAction.I_SND_CONN_REQ;
import static org.diameter4j.peer.internal.PeerAction.I_SND_DPA;
import static org.diameter4j.peer.internal.PeerAction.I_SND_DPR;
import static org.diameter4j.peer.internal.PeerAction.I_SND_DWA;
import static org.diameter4j.peer.internal.PeerAction.I_SND_MESSAGE;
import static org.diameter4j.peer.internal.PeerAction.PROCESS;
import static org.diameter4j.peer.internal.PeerAction.PROCESS_CEA;
import static org.diameter4j.peer.internal.PeerAction.PROCESS_CER;
import static org.diameter4j.peer.internal.PeerAction.PROCESS_DWA;
import static org.diameter4j.peer.internal.PeerAction.PROCESS_DWR;
import static org.diameter4j.peer.internal.PeerAction.R_ACCEPT;
import static org.diameter4j.peer.internal.PeerAction.R_DISC;
import static org.diameter4j.peer.internal.PeerAction.R_REJECT;
import static org.diameter4j.peer.internal.PeerAction.R_SND_CEA;
import static org.diameter4j.peer.internal.PeerAction.R_SND_DPA;
import static org.diameter4j.peer.internal.PeerAction.R_SND_DPR;
import static org.diameter4j.peer.internal.PeerAction.R_SND_DWA;
import static org.diameter4j.peer.internal.PeerAction.R_SND_MESSAGE;
import static org.diameter4j.peer.internal.PeerEvent.I_PEER_DISC;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_CEA;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_CONN_ACK;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_CONN_NACK;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_DPA;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_DPR;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_DWA;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_DWR;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_MESSAGE;
import static org.diameter4j.peer.internal.PeerEvent.I_RCV_NON_CEA;
import static org.diameter4j.peer.internal.PeerEvent.R_CONN_CER;
import static org.diameter4j.peer.internal.PeerEvent.R_PEER_DISC;
import static org.diameter4j.peer.internal.PeerEvent.R_RCV_DPA;
import static org.diameter4j.peer.internal.PeerEvent.R_RCV_DPR;
import static org.diameter4j.peer.internal.PeerEvent.R_RCV_DWA;
import static org.diameter4j.peer.internal.PeerEvent.R_RCV_DWR;
import static org.diameter4j.peer.internal.PeerEvent.R_RCV_MESSAGE;
import static org.diameter4j.peer.internal.PeerEvent.SEND_MESSAGE;
import static org.diameter4j.peer.internal.PeerEvent.START;
import static org.diameter4j.peer.internal.PeerEvent.STOP;
import static org.diameter4j.peer.internal.PeerEvent.TIMEOUT;
import static org.diameter4j.peer.internal.PeerEvent.WIN_ELECTION;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.peer.PeerState;

/**
 * The peer state machine of RFC 6733 §5.6, as data. Each row below quotes the RFC's table: state,
 * event, actions, next state. A (state, event) pair that is not in the table is not expected by the
 * RFC; {@link PeerStateMachine} reports it and leaves the state unchanged.
 */
public final class PeerTransitionTable {
    /** The actions of one row, in order, and the next state. */
    public record Transition(List<PeerAction> actions, PeerState next) {}

    private static final Map<PeerState, Map<PeerEvent, Transition>> TABLE =
            new EnumMap<>(PeerState.class);

    private static void row(
            PeerState state, PeerEvent event, PeerState next, PeerAction... actions) {
        Transition old =
                TABLE.computeIfAbsent(state, s -> new EnumMap<>(PeerEvent.class))
                        .put(event, new Transition(List.of(actions), next));
        if (old != null) {
            throw new IllegalStateException("duplicate row " + state + " / " + event);
        }
    }

    static {
        // state            event              action         next state
        // -----------------------------------------------------------------
        // Closed           Start            I-Snd-Conn-Req   Wait-Conn-Ack
        row(CLOSED, START, WAIT_CONN_ACK, I_SND_CONN_REQ);
        //                  R-Conn-CER       R-Accept,        R-Open
        //                                   Process-CER,
        //                                   R-Snd-CEA
        row(CLOSED, R_CONN_CER, R_OPEN, R_ACCEPT, PROCESS_CER, R_SND_CEA);

        // Wait-Conn-Ack    I-Rcv-Conn-Ack   I-Snd-CER        Wait-I-CEA
        row(WAIT_CONN_ACK, I_RCV_CONN_ACK, WAIT_I_CEA, I_SND_CER);
        //                  I-Rcv-Conn-Nack  Cleanup          Closed
        row(WAIT_CONN_ACK, I_RCV_CONN_NACK, CLOSED, CLEANUP);
        //                  R-Conn-CER       R-Accept,        Wait-Conn-Ack/
        //                                   Process-CER      Elect
        row(WAIT_CONN_ACK, R_CONN_CER, WAIT_CONN_ACK_ELECT, R_ACCEPT, PROCESS_CER);
        //                  Timeout          Error            Closed
        row(WAIT_CONN_ACK, TIMEOUT, CLOSED, ERROR);

        // Wait-I-CEA       I-Rcv-CEA        Process-CEA      I-Open
        row(WAIT_I_CEA, I_RCV_CEA, I_OPEN, PROCESS_CEA);
        //                  R-Conn-CER       R-Accept,        Wait-Returns
        //                                   Process-CER,
        //                                   Elect
        row(WAIT_I_CEA, R_CONN_CER, WAIT_RETURNS, R_ACCEPT, PROCESS_CER, ELECT);
        //                  I-Peer-Disc      I-Disc           Closed
        row(WAIT_I_CEA, I_PEER_DISC, CLOSED, I_DISC);
        //                  I-Rcv-Non-CEA    Error            Closed
        row(WAIT_I_CEA, I_RCV_NON_CEA, CLOSED, ERROR);
        //                  Timeout          Error            Closed
        row(WAIT_I_CEA, TIMEOUT, CLOSED, ERROR);

        // Wait-Conn-Ack/   I-Rcv-Conn-Ack   I-Snd-CER,Elect  Wait-Returns
        // Elect
        row(WAIT_CONN_ACK_ELECT, I_RCV_CONN_ACK, WAIT_RETURNS, I_SND_CER, ELECT);
        //                  I-Rcv-Conn-Nack  R-Snd-CEA        R-Open
        row(WAIT_CONN_ACK_ELECT, I_RCV_CONN_NACK, R_OPEN, R_SND_CEA);
        //                  R-Peer-Disc      R-Disc           Wait-Conn-Ack
        row(WAIT_CONN_ACK_ELECT, R_PEER_DISC, WAIT_CONN_ACK, R_DISC);
        //                  R-Conn-CER       R-Reject         Wait-Conn-Ack/
        //                                                    Elect
        row(WAIT_CONN_ACK_ELECT, R_CONN_CER, WAIT_CONN_ACK_ELECT, R_REJECT);
        //                  Timeout          Error            Closed
        row(WAIT_CONN_ACK_ELECT, TIMEOUT, CLOSED, ERROR);

        // Wait-Returns     Win-Election     I-Disc,R-Snd-CEA R-Open
        row(WAIT_RETURNS, WIN_ELECTION, R_OPEN, I_DISC, R_SND_CEA);
        //                  I-Peer-Disc      I-Disc,          R-Open
        //                                   R-Snd-CEA
        row(WAIT_RETURNS, I_PEER_DISC, R_OPEN, I_DISC, R_SND_CEA);
        //                  I-Rcv-CEA        R-Disc           I-Open
        // Process-CEA added: the row omits it, but the CEA's Result-Code and Origin-Host must be
        // checked before the initiator connection is kept (equivalent results, §5.6).
        row(WAIT_RETURNS, I_RCV_CEA, I_OPEN, PROCESS_CEA, R_DISC);
        //                  R-Peer-Disc      R-Disc           Wait-I-CEA
        row(WAIT_RETURNS, R_PEER_DISC, WAIT_I_CEA, R_DISC);
        //                  R-Conn-CER       R-Reject         Wait-Returns
        row(WAIT_RETURNS, R_CONN_CER, WAIT_RETURNS, R_REJECT);
        //                  Timeout          Error            Closed
        row(WAIT_RETURNS, TIMEOUT, CLOSED, ERROR);

        // R-Open           Send-Message     R-Snd-Message    R-Open
        row(R_OPEN, SEND_MESSAGE, R_OPEN, R_SND_MESSAGE);
        //                  R-Rcv-Message    Process          R-Open
        row(R_OPEN, R_RCV_MESSAGE, R_OPEN, PROCESS);
        //                  R-Rcv-DWR        Process-DWR,     R-Open
        //                                   R-Snd-DWA
        row(R_OPEN, R_RCV_DWR, R_OPEN, PROCESS_DWR, R_SND_DWA);
        //                  R-Rcv-DWA        Process-DWA      R-Open
        row(R_OPEN, R_RCV_DWA, R_OPEN, PROCESS_DWA);
        //                  R-Conn-CER       R-Reject         R-Open
        row(R_OPEN, R_CONN_CER, R_OPEN, R_REJECT);
        //                  Stop             R-Snd-DPR        Closing
        row(R_OPEN, STOP, CLOSING, R_SND_DPR);
        //                  R-Rcv-DPR        R-Snd-DPA        Closing
        row(R_OPEN, R_RCV_DPR, CLOSING, R_SND_DPA);
        //                  R-Peer-Disc      R-Disc           Closed
        row(R_OPEN, R_PEER_DISC, CLOSED, R_DISC);

        // I-Open           Send-Message     I-Snd-Message    I-Open
        row(I_OPEN, SEND_MESSAGE, I_OPEN, I_SND_MESSAGE);
        //                  I-Rcv-Message    Process          I-Open
        row(I_OPEN, I_RCV_MESSAGE, I_OPEN, PROCESS);
        //                  I-Rcv-DWR        Process-DWR,     I-Open
        //                                   I-Snd-DWA
        row(I_OPEN, I_RCV_DWR, I_OPEN, PROCESS_DWR, I_SND_DWA);
        //                  I-Rcv-DWA        Process-DWA      I-Open
        row(I_OPEN, I_RCV_DWA, I_OPEN, PROCESS_DWA);
        //                  R-Conn-CER       R-Reject         I-Open
        row(I_OPEN, R_CONN_CER, I_OPEN, R_REJECT);
        //                  Stop             I-Snd-DPR        Closing
        row(I_OPEN, STOP, CLOSING, I_SND_DPR);
        //                  I-Rcv-DPR        I-Snd-DPA        Closing
        row(I_OPEN, I_RCV_DPR, CLOSING, I_SND_DPA);
        //                  I-Peer-Disc      I-Disc           Closed
        row(I_OPEN, I_PEER_DISC, CLOSED, I_DISC);

        // Closing          I-Rcv-DPA        I-Disc           Closed
        row(CLOSING, I_RCV_DPA, CLOSED, I_DISC);
        //                  R-Rcv-DPA        R-Disc           Closed
        row(CLOSING, R_RCV_DPA, CLOSED, R_DISC);
        //                  Timeout          Error            Closed
        row(CLOSING, TIMEOUT, CLOSED, ERROR);
        //                  I-Peer-Disc      I-Disc           Closed
        row(CLOSING, I_PEER_DISC, CLOSED, I_DISC);
        //                  R-Peer-Disc      R-Disc           Closed
        row(CLOSING, R_PEER_DISC, CLOSED, R_DISC);
    }

    private PeerTransitionTable() {}

    /** The row for this state and event, or null when the RFC's table has none. */
    public static Transition lookup(PeerState state, PeerEvent event) {
        Map<PeerEvent, Transition> m = TABLE.get(state);
        return m == null ? null : m.get(event);
    }

    /** Number of rows: 43 in RFC 6733 §5.6 (2 + 4 + 5 + 5 + 6 + 8 + 8 + 5 over the 8 states). */
    static int size() {
        return TABLE.values().stream().mapToInt(Map::size).sum();
    }
}
