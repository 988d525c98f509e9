package org.diameter4j.peer;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Messages sent and received per kind (M-19, seed 003's "statistics"): written by the peer's
 * thread, readable from any thread, clearable.
 */
public final class PeerCounters {
    PeerCounters() {} // one per Peer

    /** The rows of seed 003's statistics table. */
    public enum Kind {
        CER("Capabilities-Exchange-Request"),
        CEA("Capabilities-Exchange-Answer"),
        DPR("Disconnect-Peer-Request"),
        DPA("Disconnect-Peer-Answer"),
        DWR("Device-Watchdog-Request"),
        DWA("Device-Watchdog-Answer"),
        APP_REQUEST("Application message request"),
        APP_ANSWER("Application message answer");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private final AtomicLongArray sent = new AtomicLongArray(KINDS.length);
    private final AtomicLongArray received = new AtomicLongArray(KINDS.length);
    private volatile Instant lastCleared;

    public static Kind kindOf(int commandCode, boolean request) {
        return switch (commandCode) {
            case 257 -> request ? Kind.CER : Kind.CEA;
            case 282 -> request ? Kind.DPR : Kind.DPA;
            case 280 -> request ? Kind.DWR : Kind.DWA;
            default -> request ? Kind.APP_REQUEST : Kind.APP_ANSWER;
        };
    }

    void sent(int commandCode, boolean request) {
        sent.incrementAndGet(kindOf(commandCode, request).ordinal());
    }

    void received(int commandCode, boolean request) {
        received.incrementAndGet(kindOf(commandCode, request).ordinal());
    }

    public long sent(Kind k) {
        return sent.get(k.ordinal());
    }

    public long received(Kind k) {
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
