package org.diameter4j.node;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.diameter4j.codec.DiameterMessage;

/**
 * Duplicate detection of received requests (RFC 6733 §5.5.4, M-24): a request is known by its
 * End-to-End identifier and Origin-Host. The first one is processed; a duplicate within the window
 * — typically a T-flagged retransmission after a failover — gets the same answer, waiting for it
 * when the first is still being processed, and never reaches the handler. Memory is bounded: at
 * most {@code capacity} requests, the least recently seen leave first; entries older than the
 * window are forgotten.
 */
final class DuplicateCache {
    private record Key(String originHost, int endToEnd) {}

    private record Entry(CompletableFuture<DiameterMessage> answer, long seenMillis) {}

    private final long windowMillis;
    private final int capacity;
    private final LongSupplier clock;
    private final LinkedHashMap<Key, Entry> entries;
    private long duplicates;

    DuplicateCache(long windowMillis, int capacity, LongSupplier clock) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
        this.clock = clock;
        this.entries =
                new LinkedHashMap<>(256, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                        return size() > DuplicateCache.this.capacity;
                    }
                };
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
        long now = clock.getAsLong();
        Key k = new Key(originHost.toLowerCase(Locale.ROOT), request.endToEnd());
        Entry e = entries.get(k);
        if (e != null && now - e.seenMillis() <= windowMillis) {
            duplicates++;
            return e.answer();
        }
        entries.put(k, new Entry(answer, now));
        expire(now);
        return null;
    }

    private void expire(long now) {
        // Access order: the eldest entries come first; stop at the first one still in the window.
        var it = entries.values().iterator();
        int checked = 0;
        while (it.hasNext() && checked++ < 16) {
            if (now - it.next().seenMillis() > windowMillis) {
                it.remove();
            } else {
                break;
            }
        }
    }

    synchronized int size() {
        return entries.size();
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
