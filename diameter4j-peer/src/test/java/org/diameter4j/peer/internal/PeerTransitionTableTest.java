package org.diameter4j.peer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.internal.PeerTransitionTable.Transition;
import org.junit.jupiter.api.Test;

/**
 * RFC 6733 §5.6 peer state machine table. The expected table is the RFC's own text, pasted below
 * and parsed here (state/event/action/next-state columns; actions and state names that continue on
 * the following lines are joined), then compared with {@link PeerTransitionTable} for each of the 8
 * states × 22 events — including the 133 pairs for which the RFC has no row.
 */
class PeerTransitionTableTest {

    /**
     * RFC 6733 §5.6, verbatim (blank lines dropped). Columns start at 0, 17, 34 and 51 from the
     * "state" heading.
     */
    private static final String RFC_6733_5_6_TABLE =
            """
                  state            event              action         next state
                  -----------------------------------------------------------------
                  Closed           Start            I-Snd-Conn-Req   Wait-Conn-Ack
                                   R-Conn-CER       R-Accept,        R-Open
                                                    Process-CER,
                                                    R-Snd-CEA
                  Wait-Conn-Ack    I-Rcv-Conn-Ack   I-Snd-CER        Wait-I-CEA
                                   I-Rcv-Conn-Nack  Cleanup          Closed
                                   R-Conn-CER       R-Accept,        Wait-Conn-Ack/
                                                    Process-CER      Elect
                                   Timeout          Error            Closed
                  Wait-I-CEA       I-Rcv-CEA        Process-CEA      I-Open
                                   R-Conn-CER       R-Accept,        Wait-Returns
                                                    Process-CER,
                                                    Elect
                                   I-Peer-Disc      I-Disc           Closed
                                   I-Rcv-Non-CEA    Error            Closed
                                   Timeout          Error            Closed
                  Wait-Conn-Ack/   I-Rcv-Conn-Ack   I-Snd-CER,Elect  Wait-Returns
                  Elect            I-Rcv-Conn-Nack  R-Snd-CEA        R-Open
                                   R-Peer-Disc      R-Disc           Wait-Conn-Ack
                                   R-Conn-CER       R-Reject         Wait-Conn-Ack/
                                                                     Elect
                                   Timeout          Error            Closed
                  Wait-Returns     Win-Election     I-Disc,R-Snd-CEA R-Open
                                   I-Peer-Disc      I-Disc,          R-Open
                                                    R-Snd-CEA
                                   I-Rcv-CEA        R-Disc           I-Open
                                   R-Peer-Disc      R-Disc           Wait-I-CEA
                                   R-Conn-CER       R-Reject         Wait-Returns
                                   Timeout          Error            Closed
                  R-Open           Send-Message     R-Snd-Message    R-Open
                                   R-Rcv-Message    Process          R-Open
                                   R-Rcv-DWR        Process-DWR,     R-Open
                                                    R-Snd-DWA
                                   R-Rcv-DWA        Process-DWA      R-Open
                                   R-Conn-CER       R-Reject         R-Open
                                   Stop             R-Snd-DPR        Closing
                                   R-Rcv-DPR        R-Snd-DPA        Closing
                                   R-Peer-Disc      R-Disc           Closed
                  I-Open           Send-Message     I-Snd-Message    I-Open
                                   I-Rcv-Message    Process          I-Open
                                   I-Rcv-DWR        Process-DWR,     I-Open
                                                    I-Snd-DWA
                                   I-Rcv-DWA        Process-DWA      I-Open
                                   R-Conn-CER       R-Reject         I-Open
                                   Stop             I-Snd-DPR        Closing
                                   I-Rcv-DPR        I-Snd-DPA        Closing
                                   I-Peer-Disc      I-Disc           Closed
                  Closing          I-Rcv-DPA        I-Disc           Closed
                                   R-Rcv-DPA        R-Disc           Closed
                                   Timeout          Error            Closed
                                   I-Peer-Disc      I-Disc           Closed
                                   R-Peer-Disc      R-Disc           Closed
            """;

    private record Row(
            PeerState state, PeerEvent event, List<PeerAction> actions, PeerState next) {}

    private static final int EVENT_COL = 17;
    private static final int ACTION_COL = 34;
    private static final int NEXT_COL = 51;

    /** One row as text while it is being read: its state group, event, actions and next state. */
    private static final class RawRow {
        final int group;
        final String event;
        String actions;
        String next;

        RawRow(int group, String event, String actions, String next) {
            this.group = group;
            this.event = event;
            this.actions = actions;
            this.next = next;
        }
    }

    private static String column(String line, int from, int to) {
        if (line.length() <= from) {
            return "";
        }
        return line.substring(from, Math.min(to, line.length())).trim();
    }

    /** Parses the RFC's table text into rows, independently of the implementation's table. */
    static List<Row> parseRfcTable() {
        List<String> lines = RFC_6733_5_6_TABLE.lines().toList();
        int indent = lines.get(0).indexOf("state");
        List<String> groups = new ArrayList<>(); // state names, one per group of rows
        List<RawRow> raw = new ArrayList<>();
        boolean inBody = false;
        for (String full : lines) {
            if (full.isBlank()) {
                continue;
            }
            String line = full.substring(Math.min(indent, full.length()));
            if (!inBody) {
                inBody = line.startsWith("-----");
                continue;
            }
            String s = column(line, 0, EVENT_COL);
            String e = column(line, EVENT_COL, ACTION_COL);
            String a = column(line, ACTION_COL, NEXT_COL);
            String n = column(line, NEXT_COL, Integer.MAX_VALUE);
            int g = groups.size() - 1;
            if (!s.isEmpty()) {
                if (g >= 0 && groups.get(g).endsWith("/")) {
                    groups.set(g, groups.get(g) + s); // "Wait-Conn-Ack/" continues as "Elect"
                } else {
                    groups.add(s); // the first row of a new state
                }
            }
            if (!e.isEmpty()) {
                raw.add(new RawRow(groups.size() - 1, e, a, n));
            } else {
                // a continuation line of the actions ("R-Accept," "Process-CER,") or next state
                RawRow last = raw.get(raw.size() - 1);
                last.actions += a;
                last.next += n;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (RawRow r : raw) {
            rows.add(
                    new Row(
                            stateNamed(groups.get(r.group)),
                            PeerEvent.valueOf(constant(r.event)),
                            Arrays.stream(r.actions.split(","))
                                    .map(String::trim)
                                    .filter(x -> !x.isEmpty())
                                    .map(x -> PeerAction.valueOf(constant(x)))
                                    .toList(),
                            stateNamed(r.next)));
        }
        return rows;
    }

    /** "I-Rcv-Conn-Ack" → I_RCV_CONN_ACK. */
    private static String constant(String rfcName) {
        return rfcName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static PeerState stateNamed(String rfcName) {
        for (PeerState s : PeerState.values()) {
            if (s.rfcName().equals(rfcName)) {
                return s;
            }
        }
        throw new AssertionError("no PeerState for the RFC name '" + rfcName + "'");
    }

    private static Map<PeerState, Map<PeerEvent, Row>> rfcTable() {
        Map<PeerState, Map<PeerEvent, Row>> m = new EnumMap<>(PeerState.class);
        for (Row r : parseRfcTable()) {
            Row old =
                    m.computeIfAbsent(r.state(), s -> new EnumMap<>(PeerEvent.class))
                            .put(r.event(), r);
            assertThat(old).as("duplicate RFC row %s / %s", r.state(), r.event()).isNull();
        }
        return m;
    }

    @Test
    void rfcTableHas43RowsCoveringAllEightStates() {
        List<Row> rows = parseRfcTable();
        // Closed 2, Wait-Conn-Ack 4, Wait-I-CEA 5, Wait-Conn-Ack/Elect 5, Wait-Returns 6,
        // R-Open 8, I-Open 8, Closing 5
        assertThat(rows).hasSize(43);
        Map<PeerState, Long> perState =
                rows.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Row::state,
                                        () -> new EnumMap<>(PeerState.class),
                                        Collectors.counting()));
        assertThat(perState)
                .containsExactly(
                        Map.entry(PeerState.CLOSED, 2L),
                        Map.entry(PeerState.WAIT_CONN_ACK, 4L),
                        Map.entry(PeerState.WAIT_I_CEA, 5L),
                        Map.entry(PeerState.WAIT_CONN_ACK_ELECT, 5L),
                        Map.entry(PeerState.WAIT_RETURNS, 6L),
                        Map.entry(PeerState.R_OPEN, 8L),
                        Map.entry(PeerState.I_OPEN, 8L),
                        Map.entry(PeerState.CLOSING, 5L));
        assertThat(PeerState.values()).hasSize(8);
        assertThat(PeerEvent.values()).hasSize(22);
    }

    @Test
    void parserJoinsMultiLineActionsAndStateNames() {
        Map<PeerState, Map<PeerEvent, Row>> rfc = rfcTable();
        assertThat(rfc.get(PeerState.CLOSED).get(PeerEvent.R_CONN_CER).actions())
                .containsExactly(PeerAction.R_ACCEPT, PeerAction.PROCESS_CER, PeerAction.R_SND_CEA);
        assertThat(rfc.get(PeerState.WAIT_CONN_ACK).get(PeerEvent.R_CONN_CER).next())
                .isEqualTo(PeerState.WAIT_CONN_ACK_ELECT);
        assertThat(rfc.get(PeerState.WAIT_CONN_ACK_ELECT).get(PeerEvent.R_CONN_CER).next())
                .isEqualTo(PeerState.WAIT_CONN_ACK_ELECT);
        assertThat(rfc.get(PeerState.WAIT_CONN_ACK_ELECT).get(PeerEvent.I_RCV_CONN_ACK).actions())
                .containsExactly(PeerAction.I_SND_CER, PeerAction.ELECT);
        assertThat(rfc.get(PeerState.WAIT_RETURNS).get(PeerEvent.I_PEER_DISC).actions())
                .containsExactly(PeerAction.I_DISC, PeerAction.R_SND_CEA);
    }

    @Test
    void implementationHasAsManyRowsAsTheRfc() {
        assertThat(PeerTransitionTable.size()).isEqualTo(parseRfcTable().size()).isEqualTo(43);
    }

    @Test
    void everyStateEventPairMatchesTheRfcExceptTheDocumentedWaitReturnsCeaRow() {
        Map<PeerState, Map<PeerEvent, Row>> rfc = rfcTable();
        List<String> differences = new ArrayList<>();
        int pairs = 0;
        int withoutRow = 0;
        for (PeerState s : PeerState.values()) {
            for (PeerEvent e : PeerEvent.values()) {
                pairs++;
                Row expected = rfc.getOrDefault(s, Map.of()).get(e);
                Transition actual = PeerTransitionTable.lookup(s, e);
                if (expected == null) {
                    withoutRow++;
                    if (actual != null) {
                        differences.add(s + " / " + e + ": no RFC row, implementation " + actual);
                    }
                } else if (actual == null) {
                    differences.add(s + " / " + e + ": missing, RFC " + expected);
                } else if (!actual.actions().equals(expected.actions())
                        || actual.next() != expected.next()) {
                    differences.add(s + " / " + e);
                }
            }
        }
        assertThat(pairs).isEqualTo(176);
        assertThat(withoutRow).isEqualTo(176 - 43);
        assertThat(differences)
                .containsExactly(PeerState.WAIT_RETURNS + " / " + PeerEvent.I_RCV_CEA);
    }

    @Test
    void waitReturnsCeaProcessesTheCeaBeforeDisconnectingTheResponder() {
        Row rfc = rfcTable().get(PeerState.WAIT_RETURNS).get(PeerEvent.I_RCV_CEA);
        assertThat(rfc.actions()).containsExactly(PeerAction.R_DISC);
        assertThat(rfc.next()).isEqualTo(PeerState.I_OPEN);

        Transition impl = PeerTransitionTable.lookup(PeerState.WAIT_RETURNS, PeerEvent.I_RCV_CEA);
        assertThat(impl.actions()).containsExactly(PeerAction.PROCESS_CEA, PeerAction.R_DISC);
        assertThat(impl.next()).isEqualTo(rfc.next());
    }

    @Test
    void pairsWithoutAnRfcRowLookUpToNull() {
        assertThat(PeerTransitionTable.lookup(PeerState.CLOSED, PeerEvent.STOP)).isNull();
        assertThat(PeerTransitionTable.lookup(PeerState.CLOSED, PeerEvent.SEND_MESSAGE)).isNull();
        assertThat(PeerTransitionTable.lookup(PeerState.R_OPEN, PeerEvent.I_RCV_MESSAGE)).isNull();
        assertThat(PeerTransitionTable.lookup(PeerState.I_OPEN, PeerEvent.R_RCV_DWR)).isNull();
        assertThat(PeerTransitionTable.lookup(PeerState.WAIT_I_CEA, PeerEvent.WIN_ELECTION))
                .isNull();
        assertThat(PeerTransitionTable.lookup(PeerState.CLOSING, PeerEvent.SEND_MESSAGE)).isNull();
    }

    @Test
    void everyEventAndActionOfTheEnumsAppearsInTheRfcTable() {
        List<Row> rows = parseRfcTable();
        Set<PeerEvent> events = rows.stream().map(Row::event).collect(Collectors.toSet());
        Set<PeerAction> actions =
                rows.stream().flatMap(r -> r.actions().stream()).collect(Collectors.toSet());
        assertThat(events).containsExactlyInAnyOrder(PeerEvent.values());
        assertThat(actions).containsExactlyInAnyOrder(PeerAction.values());
    }

    @Test
    void rowActionListsCannotBeModified() {
        Transition t = PeerTransitionTable.lookup(PeerState.CLOSED, PeerEvent.R_CONN_CER);
        assertThatThrownBy(() -> t.actions().add(PeerAction.ERROR))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
