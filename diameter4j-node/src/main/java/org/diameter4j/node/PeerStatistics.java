package org.diameter4j.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.peer.MessageKind;
import org.diameter4j.peer.internal.PeerCounters;

/**
 * A snapshot of a peer's message counters (seed 003's {@code peer "…" statistics}, M-19): sent and
 * received per message kind, and when they were last cleared.
 *
 * @param lastCleared null when never cleared ("N/A")
 */
public record PeerStatistics(String peer, List<Row> rows, Instant lastCleared) {
    /** One line: "Capabilities-Exchange-Request 7 0". */
    public record Row(MessageKind kind, long sent, long received) {}

    static PeerStatistics of(String peer, PeerCounters c) {
        List<Row> rows = new ArrayList<>();
        for (MessageKind k : MessageKind.values()) {
            rows.add(new Row(k, c.sent(k), c.received(k)));
        }
        return new PeerStatistics(peer, List.copyOf(rows), c.lastCleared());
    }

    public long sent(MessageKind k) {
        return rows.get(k.ordinal()).sent();
    }

    public long received(MessageKind k) {
        return rows.get(k.ordinal()).received();
    }
}
