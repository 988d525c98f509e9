package org.diameter4j.cli.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One direction of one TCP connection: collects its segments, then rebuilds its byte stream.
 *
 * <p>The stream starts at the SYN's sequence number + 1 when the SYN was captured, otherwise at the
 * lowest sequence number carrying data (wrap-aware), so that segments captured out of order at the
 * start of a capture are not lost. Segments are then taken in capture order; sequence numbers are
 * compared modulo 2<sup>32</sup>, so wrap-around is harmless. Bytes already delivered
 * (retransmissions, duplicates, overlaps) are dropped; segments ahead of the next expected byte
 * wait until the gap is filled, up to {@value #MAX_PENDING_BYTES} bytes or {@value
 * #MAX_PENDING_SEGMENTS} segments, beyond which (and at the end of the capture) the gap is declared
 * lost: the current {@link ByteRun} ends and a new one starts after the gap, with a warning. Bytes
 * cut off by the snaplen are a gap too.
 */
final class TcpStream {

    static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;
    static final int MAX_PENDING_SEGMENTS = 16_384;

    private final String source;
    private final String destination;
    private final List<TcpSegment> segments = new ArrayList<>();
    private boolean synSeen;
    private int initialSequence;
    private boolean hasData;

    // Reassembly state.
    private final List<ByteRun> runs = new ArrayList<>();
    private final TreeMap<Long, TcpSegment> pending = new TreeMap<>();
    private long pendingBytes;
    private long delivered;
    private int base;
    private ByteRun current;
    private Warnings warnings;

    TcpStream(String source, String destination) {
        this.source = source;
        this.destination = destination;
    }

    String source() {
        return source;
    }

    String destination() {
        return destination;
    }

    String label() {
        return "TCP " + source + " -> " + destination;
    }

    /**
     * Whether a SYN with this sequence number belongs to this stream (a retransmitted SYN, or the
     * first segment) rather than starting a new connection on the same addresses and ports.
     */
    boolean acceptsSyn(int sequence) {
        return synSeen ? sequence == initialSequence : !hasData;
    }

    void add(TcpSegment segment) {
        if (segment.syn() && !synSeen) {
            synSeen = true;
            initialSequence = segment.sequence();
        }
        if (segment.length() > 0) {
            hasData = true;
        }
        segments.add(segment);
    }

    /** Rebuilds the byte stream as runs of contiguous bytes, warning about every gap. */
    List<ByteRun> reassemble(Warnings warnings) {
        this.warnings = warnings;
        if (!hasData) {
            return runs;
        }
        base = synSeen ? initialSequence + 1 : lowestDataSequence();
        current = new ByteRun(0);
        for (TcpSegment s : segments) {
            if (s.length() <= 0) {
                continue;
            }
            int diff = s.dataSequence() - (base + (int) delivered);
            long at = delivered + diff;
            if (at + s.length() <= delivered) {
                continue; // retransmission or duplicate of bytes already delivered
            }
            if (at <= delivered) {
                deliver(s, at);
                drain();
            } else {
                TcpSegment previous = pending.get(at);
                if (previous == null || previous.length() < s.length()) {
                    pending.put(at, s);
                    pendingBytes += s.captured() - (previous == null ? 0 : previous.captured());
                }
                if (pendingBytes > MAX_PENDING_BYTES || pending.size() > MAX_PENDING_SEGMENTS) {
                    skipGap("too much data waiting for it");
                }
            }
        }
        while (!pending.isEmpty()) {
            skipGap("never captured");
        }
        closeRun();
        return runs;
    }

    private int lowestDataSequence() {
        int reference = 0;
        boolean first = true;
        long lowest = 0;
        for (TcpSegment s : segments) {
            if (s.length() <= 0) {
                continue;
            }
            if (first) {
                reference = s.dataSequence();
                first = false;
            }
            lowest = Math.min(lowest, s.dataSequence() - reference);
        }
        return reference + (int) lowest;
    }

    /** Delivers the part of {@code s} (starting at stream offset {@code at}) not yet delivered. */
    private void deliver(TcpSegment s, long at) {
        long skip = delivered - at;
        if (skip < s.captured()) {
            current.append(
                    s.buf(),
                    s.offset() + (int) skip,
                    s.captured() - (int) skip,
                    s.frame(),
                    s.time());
            delivered = at + s.captured();
        }
        long end = at + s.length();
        if (end > delivered) {
            warnings.add(
                    label()
                            + ": "
                            + (end - delivered)
                            + " bytes at stream offset "
                            + delivered
                            + " not captured (frame "
                            + s.frame()
                            + " cut by the snaplen)");
            newRun(end, "bytes not captured");
        }
    }

    /** Delivers the waiting segments that have become contiguous. */
    private void drain() {
        while (!pending.isEmpty()) {
            Map.Entry<Long, TcpSegment> e = pending.firstEntry();
            long at = e.getKey();
            if (at > delivered) {
                return;
            }
            pending.pollFirstEntry();
            pendingBytes -= e.getValue().captured();
            if (at + e.getValue().length() > delivered) {
                deliver(e.getValue(), at);
            }
        }
    }

    /** Gives up on the gap before the first waiting segment. */
    private void skipGap(String why) {
        long next = pending.firstKey();
        warnings.add(
                label()
                        + ": "
                        + (next - delivered)
                        + " bytes missing at stream offset "
                        + delivered
                        + " ("
                        + why
                        + ")");
        newRun(next, "a gap in the capture");
        drain();
    }

    private void newRun(long offset, String reason) {
        current.endReason(reason);
        closeRun();
        delivered = offset;
        current = new ByteRun(offset);
    }

    private void closeRun() {
        if (current != null && current.size() > 0) {
            runs.add(current);
        }
        current = null;
    }
}
