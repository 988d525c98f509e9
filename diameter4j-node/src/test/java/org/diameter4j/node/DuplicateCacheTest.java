package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.junit.jupiter.api.Test;

/**
 * The duplicate cache of RFC 6733 §5.5.4 as primitive arrays: it must remember exactly what a
 * bounded, windowed map would — checked against a {@code LinkedHashMap} model over many random
 * keys, so the open-addressing index and its backward-shift deletion are exercised on collisions.
 */
class DuplicateCacheTest {
    private static final CompletableFuture<DiameterMessage> PENDING = new CompletableFuture<>();

    /**
     * What {@code RequestDispatch} does with the cache: null for a new request, whose answer {@code
     * answer} will bring; else the first one's answer.
     */
    static CompletableFuture<DiameterMessage> firstOrRemember(
            DuplicateCache c,
            String host,
            DiameterMessage request,
            CompletableFuture<DiameterMessage> answer) {
        Avp origin = Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, host);
        long key = c.check(origin, request);
        if (key == DuplicateCache.DUPLICATE) {
            return c.firstAnswer(origin, request);
        }
        if (key >= 0) {
            answer.thenAccept(a -> c.answered(key, a));
        }
        return null;
    }

    private static DiameterMessage request(int endToEnd) {
        return new DiameterMessage(0x80, 272, 4, 0, endToEnd);
    }

    @Test
    void remembersExactlyTheLastCapacityRequestsAsABoundedMapWould() {
        int capacity = 1000;
        long[] now = {0};
        DuplicateCache c = new DuplicateCache(Long.MAX_VALUE / 4, capacity, () -> now[0]);
        Map<String, Boolean> model =
                new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
                        return size() > capacity;
                    }
                };
        Random r = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            String host = "h" + r.nextInt(20) + ".example.net";
            int e2e = r.nextInt(3000); // small range: many repeats, many probe collisions
            boolean dup = firstOrRemember(c, host, request(e2e), PENDING) != null;
            String k = host + "/" + e2e;
            assertThat(dup).as("request %d (%s)", i, k).isEqualTo(model.containsKey(k));
            if (!dup) {
                model.put(k, true);
            }
        }
        assertThat(c.size()).isEqualTo(model.size());
    }

    @Test
    void aDuplicateGetsTheFirstAnswerFromItsBytesOnceAnswered() {
        long[] now = {0};
        DuplicateCache c = new DuplicateCache(60_000, 10, () -> now[0]);
        CompletableFuture<DiameterMessage> first = new CompletableFuture<>();
        assertThat(firstOrRemember(c, "client.example.com", request(7), first)).isNull();
        CompletableFuture<DiameterMessage> waiting =
                firstOrRemember(c, "CLIENT.example.com", request(7), PENDING);
        assertThat(waiting).as("still being processed: the duplicate waits").isNotDone();
        DiameterMessage answer = new DiameterMessage(0x00, 272, 4, 1, 7);
        answer.add(Avp.ofUnsigned32(268, 0, Avp.FLAG_MANDATORY, 2001));
        first.complete(answer);
        assertThat(waiting).as("the first one's answer").isCompletedWithValue(answer);
        DiameterMessage again =
                firstOrRemember(c, "client.example.com", request(7), PENDING).join();
        assertThat(again).isNotSameAs(answer);
        assertThat(again.toBytes()).isEqualTo(answer.toBytes());
        assertThat(c.duplicates()).isEqualTo(2);
    }

    @Test
    void theSameIdentifiersAfterTheWindowAreANewRequest() {
        long[] now = {0};
        DuplicateCache c = new DuplicateCache(60_000, 10, () -> now[0]);
        assertThat(firstOrRemember(c, "a", request(1), PENDING)).isNull();
        now[0] = 60_001;
        assertThat(firstOrRemember(c, "a", request(1), PENDING)).isNull();
        assertThat(firstOrRemember(c, "a", request(1), PENDING)).isNotNull();
        assertThat(c.size()).isEqualTo(1);
    }

    @Test
    void otherHostsWithTheSameEndToEndAreOtherRequests() {
        DuplicateCache c = new DuplicateCache(60_000, 10, () -> 0);
        assertThat(firstOrRemember(c, "a.example.net", request(5), PENDING)).isNull();
        assertThat(firstOrRemember(c, "b.example.net", request(5), PENDING)).isNull();
        assertThat(c.size()).isEqualTo(2);
    }

    /** RFC 6733 §4.3.1: DiameterIdentity compares case-insensitively. */
    @Test
    void theOriginHostMatchesWhateverItsCase() {
        DuplicateCache c = new DuplicateCache(60_000, 10, () -> 0);
        assertThat(firstOrRemember(c, "PGW-1.Example.NET", request(5), PENDING)).isNull();
        assertThat(firstOrRemember(c, "pgw-1.example.net", request(5), PENDING)).isNotNull();
        assertThat(firstOrRemember(c, "pgw-1.example.nex", request(5), PENDING)).isNull();
    }

    @Test
    void requestsOfHostsBeyondTheFirstMaxHostsAreNotTracked() {
        DuplicateCache c = new DuplicateCache(60_000, 10_000, () -> 0);
        for (int i = 0; i < DuplicateCache.MAX_HOSTS; i++) {
            assertThat(firstOrRemember(c, "h" + i + ".example.net", request(1), PENDING)).isNull();
        }
        Avp late = Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, "late.example.net");
        assertThat(c.check(late, request(1))).isEqualTo(DuplicateCache.NOT_TRACKED);
        assertThat(firstOrRemember(c, "h7.example.net", request(1), PENDING)).isNotNull();
    }

    @Test
    void zeroCapacityRemembersNothing() {
        DuplicateCache c = new DuplicateCache(60_000, 0, () -> 0);
        assertThat(firstOrRemember(c, "a", request(1), PENDING)).isNull();
        assertThat(firstOrRemember(c, "a", request(1), PENDING)).isNull();
        assertThat(c.size()).isZero();
    }
}
