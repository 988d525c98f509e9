package org.diameter4j.node;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
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
 * hash guess.
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
    private final Map<String, Integer> hostIds = new HashMap<>();
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
    synchronized long check(String originHost, DiameterMessage request) {
        if (!recent.isEnabled()) {
            return NOT_TRACKED;
        }
        int host = hostId(originHost);
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
            String originHost, DiameterMessage request) {
        Integer host = hostIds.get(originHost.toLowerCase(Locale.ROOT));
        if (host == null) {
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

    private int hostId(String originHost) {
        String h = originHost.toLowerCase(Locale.ROOT);
        Integer id = hostIds.get(h);
        if (id != null) {
            return id;
        }
        if (hostIds.size() >= MAX_HOSTS) {
            if (!hostsFullLogged) {
                hostsFullLogged = true;
                DiameterNode.LOG.log(
                        System.Logger.Level.WARNING,
                        "duplicate detection covers the first "
                                + MAX_HOSTS
                                + " Origin-Hosts only; requests from "
                                + originHost
                                + " and later new hosts are not checked for duplicates");
            }
            return -1;
        }
        int fresh = hostIds.size();
        hostIds.put(h, fresh);
        return fresh;
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
