package org.diameter4j.node;

import java.util.LinkedHashMap;
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
 * most {@code capacity} requests, the least recently seen leave first; entries older than the
 * window are forgotten.
 */
final class DuplicateCache {
    private record Key(String originHost, int endToEnd) {}

    /**
     * The answer of one request: its future while the handler works, then only the answer's bytes —
     * one array instead of the message's object graph, so tens of thousands of cached answers stay
     * cheap for the garbage collector (at 36k requests/s, 100k cached message graphs made young
     * collections copy ~180 MB and pause for 100+ ms).
     */
    private static final class Entry {
        final long seenMillis;
        volatile Object answer; // CompletableFuture<DiameterMessage> until done, then byte[]

        Entry(CompletableFuture<DiameterMessage> answer, long seenMillis) {
            this.answer = answer;
            this.seenMillis = seenMillis;
        }

        long seenMillis() {
            return seenMillis;
        }

        @SuppressWarnings("unchecked")
        CompletableFuture<DiameterMessage> answer() {
            Object a = answer;
            if (a instanceof byte[] b) {
                DecodeResult r = DECODER.decode(b, 0, b.length);
                return r.isSuccess()
                        ? CompletableFuture.completedFuture(r.message())
                        : CompletableFuture.failedFuture(
                                new IllegalStateException(r.failure().toString()));
            }
            return (CompletableFuture<DiameterMessage>) a;
        }
    }

    /** Decodes cached answers: they are our own, so no dictionary checks are needed. */
    private static final MessageDecoder DECODER =
            new MessageDecoder(
                    DecodeOptions.DEFAULT.withMaxMessageLength(DecodeOptions.MAX_WIRE_LENGTH));

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
        Entry fresh = new Entry(answer, now);
        entries.put(k, fresh);
        answer.whenComplete(
                (m, err) -> {
                    if (m != null) {
                        fresh.answer = m.toBytes();
                    }
                });
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
