package org.diameter4j.node;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;

/**
 * Duplicate detection of received requests (RFC 6733 §5.5.4, M-24): a request is known by its
 * End-to-End identifier and Origin-Host. The first one is processed; a duplicate within the window
 * — typically a T-flagged retransmission after a failover — gets the same answer, waiting for it
 * when the first is still being processed, and never reaches the handler. Memory is bounded: at
 * most {@code capacity} requests, the oldest leave first; entries older than the window are
 * forgotten.
 *
 * <p>Built for the garbage collector (issue 10): the entries are slots of preallocated primitive
 * arrays — a ring in arrival order, indexed by an open-addressing table (linear probing,
 * backward-shift deletion) — so a remembered request costs no object but its answer's bytes. The
 * former {@code LinkedHashMap} held six objects per request, promoted and then dying in the old
 * generation: at 15–18k requests/s that was most of the server's GC pause time. Origin-Hosts are
 * numbered (at most {@value #MAX_HOSTS} distinct ones; requests of further hosts are not checked
 * for duplicates, said once in the log), so a key is one {@code long} and never a hash guess.
 */
final class DuplicateCache {
    /** Distinct Origin-Hosts remembered; a node has far fewer peers' clients than this. */
    static final int MAX_HOSTS = 4096;

    private static final long EMPTY = -1;
    private static final MessageDecoder DECODER =
            new MessageDecoder(
                    DecodeOptions.DEFAULT.withMaxMessageLength(DecodeOptions.MAX_WIRE_LENGTH));

    private final long windowMillis;
    private final int capacity;
    private final LongSupplier clock;
    private final Map<String, Integer> hostIds = new HashMap<>();

    // The ring: slot i holds one request, in arrival order from tail to head.
    private final long[] keys; // (host id << 32) | End-to-End, or EMPTY
    private final long[] seenMillis;
    private final Object[] answers; // the future while the handler works, then the answer's bytes
    private int head;
    private int size;

    // The index: slot + 1 by key, 0 for a free position; at most half full.
    private final int[] index;
    private final int mask;

    private long duplicates;
    private boolean hostsFullLogged;

    DuplicateCache(long windowMillis, int capacity, LongSupplier clock) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
        this.clock = clock;
        int n = Math.max(1, capacity);
        this.keys = new long[n];
        java.util.Arrays.fill(keys, EMPTY);
        this.seenMillis = new long[n];
        this.answers = new Object[n];
        int table = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
        this.index = new int[table];
        this.mask = table - 1;
    }

    /**
     * The answer of the first request with these identifiers when {@code request} is a duplicate,
     * or null — then {@code answer} is remembered as the answer of this request.
     */
    synchronized CompletableFuture<DiameterMessage> firstOrRemember(
            String originHost, DiameterMessage request, CompletableFuture<DiameterMessage> answer) {
        if (capacity == 0 || windowMillis == 0) {
            return null;
        }
        int host = hostId(originHost);
        if (host < 0) {
            return null;
        }
        long now = clock.getAsLong();
        long key = ((long) host << 32) | (request.endToEnd() & 0xffffffffL);
        int slot = find(key);
        if (slot >= 0) {
            if (now - seenMillis[slot] <= windowMillis) {
                duplicates++;
                return answerOf(slot);
            }
            clear(slot); // the same identifiers after the window: a new request
        }
        expire(now);
        remember(key, now, answer);
        return null;
    }

    private void remember(long key, long now, CompletableFuture<DiameterMessage> answer) {
        if (size == capacity) {
            clear(tail());
            size--;
        }
        int s = head;
        keys[s] = key;
        seenMillis[s] = now;
        answers[s] = answer;
        insert(key, s);
        head = (head + 1) % capacity;
        size++;
        answer.whenComplete(
                (m, err) -> {
                    if (m != null) {
                        byte[] bytes = m.toBytes();
                        synchronized (this) {
                            if (answers[s] == answer) {
                                answers[s] = bytes;
                            }
                        }
                    }
                });
    }

    private CompletableFuture<DiameterMessage> answerOf(int slot) {
        Object a = answers[slot];
        if (a instanceof byte[] b) {
            DecodeResult r = DECODER.decode(b, 0, b.length);
            return r.isSuccess()
                    ? CompletableFuture.completedFuture(r.message())
                    : CompletableFuture.failedFuture(
                            new IllegalStateException(r.failure().toString()));
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<DiameterMessage> f = (CompletableFuture<DiameterMessage>) a;
        return f;
    }

    /** Forgets the oldest entries that left the window (a few per call: bounded work). */
    private void expire(long now) {
        for (int checked = 0; size > 0 && checked < 16; checked++) {
            int t = tail();
            if (keys[t] != EMPTY && now - seenMillis[t] <= windowMillis) {
                return;
            }
            clear(t);
            size--;
        }
    }

    private int tail() {
        return Math.floorMod(head - size, capacity);
    }

    /** Empties {@code slot}, unindexing it; the ring keeps its place until the tail passes it. */
    private void clear(int slot) {
        if (keys[slot] != EMPTY) {
            unindex(keys[slot]);
            keys[slot] = EMPTY;
        }
        answers[slot] = null;
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

    // ---- the index: open addressing, linear probing --------------------------------------------

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private int find(long key) {
        for (int i = home(key); ; i = (i + 1) & mask) {
            int v = index[i];
            if (v == 0) {
                return -1;
            }
            if (keys[v - 1] == key) {
                return v - 1;
            }
        }
    }

    private void insert(long key, int slot) {
        int i = home(key);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /** Removes {@code key}, shifting back the entries of its probe run (no tombstones). */
    private void unindex(long key) {
        int i = home(key);
        while (index[i] == 0 || keys[index[i] - 1] != key) {
            if (index[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        index[i] = 0;
        for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int k = home(keys[index[j] - 1]);
            // Move j back to the hole at i unless its home lies cyclically in (i, j].
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                index[i] = index[j];
                index[j] = 0;
                i = j;
            }
        }
    }

    synchronized int size() {
        int n = 0;
        for (int k = 0; k < size; k++) {
            if (keys[(tail() + k) % capacity] != EMPTY) {
                n++;
            }
        }
        return n;
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
