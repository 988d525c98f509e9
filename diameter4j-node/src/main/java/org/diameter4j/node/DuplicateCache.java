package org.diameter4j.node;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.RecentAnswers;

/**
 * Duplicate detection of received requests (RFC 6733 §5.5.4, M-24): a request is known by its
 * End-to-End identifier and Origin-Host. The first one is processed; a duplicate within the window
 * — typically a T-flagged retransmission after a failover — gets the same answer, waiting for it
 * when the first is still being processed, and never reaches the handler. Memory is bounded: at
 * most {@code capacity} requests, the oldest leave first; entries older than the window are
 * forgotten.
 *
 * <p>Built for the garbage collector (issue 10): the requests and their answers' bytes are kept in
 * {@link RecentAnswers}' preallocated arrays, so remembering a request costs no object at all; a
 * future exists only for a duplicate that arrives while the first is still being processed.
 * Origin-Hosts are numbered (at most {@value #MAX_HOSTS} distinct ones; requests of further hosts
 * are not checked for duplicates, said once in the log), so a key is one {@code long} and never a
 * hash guess. The Origin-Host is looked up by its bytes, ASCII case folded (DiameterIdentity is
 * case-insensitive, RFC 6733 §4.3.1), in an open-addressing table: no String per request.
 */
final class DuplicateCache {
    /** Distinct Origin-Hosts remembered; a node has far fewer peers' clients than this. */
    static final int MAX_HOSTS = 4096;

    /** {@link #check}: the request is not tracked (duplicate detection off, or too many hosts). */
    static final long NOT_TRACKED = -1;

    /** {@link #check}: the request is a duplicate; {@link #firstAnswer} has its answer. */
    static final long DUPLICATE = -2;

    private final LongSupplier clock;
    private final RecentAnswers recent;
    // Origin-Host bytes (ASCII lower case) → id: open addressing, linear probing, never removed.
    private final byte[][] hosts = new byte[MAX_HOSTS * 2][];
    private final int[] hostIdAt = new int[MAX_HOSTS * 2];
    private int hostCount;
    // Duplicates waiting for the first one's answer, by key; empty but for that moment.
    private final Map<Long, CompletableFuture<DiameterMessage>> waiting = new HashMap<>();
    private long duplicates;
    private boolean hostsFullLogged;

    DuplicateCache(long windowMillis, int capacity, LongSupplier clock) {
        this.clock = clock;
        this.recent = new RecentAnswers(capacity, windowMillis);
    }

    /**
     * Remembers {@code request} when it is new and returns its key, to give with its answer to
     * {@link #answered}; or {@link #DUPLICATE}, or {@link #NOT_TRACKED}.
     */
    synchronized long check(Avp originHost, DiameterMessage request) {
        if (!recent.isEnabled()) {
            return NOT_TRACKED;
        }
        int host = hostId(originHost, true);
        if (host < 0) {
            return NOT_TRACKED;
        }
        long now = clock.getAsLong();
        long key = ((long) host << 32) | (request.endToEnd() & 0xffffffffL);
        if (recent.find(key, now) >= 0) {
            duplicates++;
            return DUPLICATE;
        }
        recent.remember(key, now);
        return key;
    }

    /**
     * The answer of the first request with {@code request}'s identifiers, for a duplicate: done
     * when it was answered, pending while it is processed; null when it was forgotten meanwhile.
     */
    synchronized CompletableFuture<DiameterMessage> firstAnswer(
            Avp originHost, DiameterMessage request) {
        int host = hostId(originHost, false);
        if (host < 0) {
            return null;
        }
        long key = ((long) host << 32) | (request.endToEnd() & 0xffffffffL);
        int slot = recent.find(key, clock.getAsLong());
        if (slot < 0) {
            return null;
        }
        if (recent.isAnswered(slot)) {
            return CompletableFuture.completedFuture(recent.answerAt(slot));
        }
        return waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
    }

    /** The answer of the request {@link #check} gave {@code key}: kept, and given to waiters. */
    void answered(long key, DiameterMessage answer) {
        CompletableFuture<DiameterMessage> w;
        synchronized (this) {
            recent.answer(key, answer);
            w = waiting.isEmpty() ? null : waiting.remove(key);
        }
        if (w != null) {
            w.complete(answer);
        }
    }

    /** The id of {@code originHost}, made when new and {@code add}; -1 when not known. */
    private int hostId(Avp originHost, boolean add) {
        int n = originHost.valueLength();
        int h = 0x811c9dc5;
        for (int i = 0; i < n; i++) {
            h = (h ^ lower(originHost.valueByteAt(i))) * 0x01000193;
        }
        int mask = hosts.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        for (byte[] k; (k = hosts[slot]) != null; slot = (slot + 1) & mask) {
            if (sameHost(k, originHost)) {
                return hostIdAt[slot];
            }
        }
        if (!add) {
            return -1;
        }
        if (hostCount >= MAX_HOSTS) {
            if (!hostsFullLogged) {
                hostsFullLogged = true;
                DiameterNode.LOG.log(
                        System.Logger.Level.WARNING,
                        "duplicate detection covers the first "
                                + MAX_HOSTS
                                + " Origin-Hosts only; requests from "
                                + DiameterNode.text(originHost)
                                + " and later new hosts are not checked for duplicates");
            }
            return -1;
        }
        byte[] k = new byte[n];
        for (int i = 0; i < n; i++) {
            k[i] = (byte) lower(originHost.valueByteAt(i));
        }
        hosts[slot] = k;
        hostIdAt[slot] = hostCount;
        return hostCount++;
    }

    private static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static boolean sameHost(byte[] k, Avp originHost) {
        if (k.length != originHost.valueLength()) {
            return false;
        }
        for (int i = 0; i < k.length; i++) {
            if (k[i] != (byte) lower(originHost.valueByteAt(i))) {
                return false;
            }
        }
        return true;
    }

    synchronized int size() {
        return recent.size();
    }

    /** How many duplicates were answered from the cache. */
    synchronized long duplicates() {
        return duplicates;
    }

    /**
     * A copy of the first request's answer for the duplicate: same AVPs, the duplicate's Hop-by-Hop
     * identifier (it may have come on another connection).
     */
    static DiameterMessage answerFor(DiameterMessage first, DiameterMessage duplicate) {
        DiameterMessage a =
                new DiameterMessage(
                        first.flags(),
                        first.commandCode(),
                        first.applicationId(),
                        duplicate.hopByHop(),
                        duplicate.endToEnd());
        for (var avp : first.avps()) {
            a.add(avp);
        }
        return a;
    }
}
