package org.diameter4j.peer.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;
import org.diameter4j.peer.MessageKind;

/**
 * Messages sent and received per kind (M-19, seed 003's "statistics"): written by the peer's
 * thread, readable from any thread, clearable.
 */
public final class PeerCounters {
    PeerCounters() {} // one per Peer

    private static final MessageKind[] KINDS = MessageKind.values();
    private final AtomicLongArray sent = new AtomicLongArray(KINDS.length);
    private final AtomicLongArray received = new AtomicLongArray(KINDS.length);
    private volatile Instant lastCleared;

    public void sent(int commandCode, boolean request) {
        sent.incrementAndGet(MessageKind.of(commandCode, request).ordinal());
    }

    public void received(int commandCode, boolean request) {
        received.incrementAndGet(MessageKind.of(commandCode, request).ordinal());
    }

    public long sent(MessageKind k) {
        return sent.get(k.ordinal());
    }

    public long received(MessageKind k) {
        return received.get(k.ordinal());
    }

    /** When the counters were last cleared, or null ("N/A"). */
    public Instant lastCleared() {
        return lastCleared;
    }

    public void clear() {
        for (int i = 0; i < KINDS.length; i++) {
            sent.set(i, 0);
            received.set(i, 0);
        }
        lastCleared = Instant.now();
    }
}
