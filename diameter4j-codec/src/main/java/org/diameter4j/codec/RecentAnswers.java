package org.diameter4j.codec;

import java.util.Arrays;

/**
 * The answers of recently received requests, by a 64-bit key, kept as their encoded bytes in
 * preallocated memory: what duplicate detection (RFC 6733 §5.5.4: the same End-to-End identifier
 * and Origin-Host get the same answer) and application idempotence (RFC 4006 §5.1: Session-Id and
 * CC-Request-Number identify a credit-control request) need, at tens of thousands of requests a
 * second, without giving the garbage collector an object per request.
 *
 * <p>Why it looks like this (issue 10): a {@code LinkedHashMap} of 100,000 answers held several
 * objects per request that lived for seconds — long enough to be copied through the survivor spaces
 * and promoted, then die in the old generation — and was most of a Gy server's GC pause time. Here
 * the entries are slots of primitive arrays, a ring in arrival order (the oldest leaves first; at
 * most {@code capacity}; entries older than the window are forgotten) indexed by open addressing
 * (linear probing, backward-shift deletion). Each slot owns a fixed segment of {@value #SEGMENT}
 * bytes, allocated {@value #CHUNK} slots at a time as the ring first fills, so the memory grows
 * with use up to {@code capacity × } {@value #SEGMENT} bytes and then stays; an answer longer than
 * a segment is kept in an array of its own.
 *
 * <p>Not thread-safe: the caller synchronises.
 */
public final class RecentAnswers {
    /** Bytes of an answer kept in its slot's segment; longer answers get an array of their own. */
    public static final int SEGMENT = 512;

    // 8192 slots × 512 bytes = 4 MB a chunk: at least half a G1 region for heaps up to 16 GB, so
    // G1 allocates it as a humongous object straight in the old generation — never copied by a
    // young collection (1024-slot chunks were, while the ring first filled: 16–78 ms pauses).
    static final int CHUNK = 8192;
    private static final long EMPTY = Long.MIN_VALUE;
    private static final int PENDING = 0;
    private static final int LARGE = -1;
    private static final MessageDecoder DECODER =
            new MessageDecoder(
                    DecodeOptions.DEFAULT.withMaxMessageLength(DecodeOptions.MAX_WIRE_LENGTH));

    private final long windowMillis;
    private final int capacity;

    // The ring: slot i holds one request, in arrival order from tail to head.
    private final long[] keys;
    private final long[] seen;
    private final int[] lengths; // PENDING, the answer's length in the segment, or LARGE
    private final byte[][] chunks; // segments, CHUNK slots per chunk, allocated on first use
    private byte[][] large; // answers longer than SEGMENT, by slot; allocated on first use
    private int head;
    private int size;

    // The index: slot + 1 by key, 0 for a free position; at most half full.
    private final int[] index;
    private final int mask;

    /**
     * @param capacity requests remembered at most (0: none)
     * @param windowMillis how long a request is remembered at most
     */
    public RecentAnswers(int capacity, long windowMillis) {
        if (capacity < 0 || windowMillis < 0) {
            throw new IllegalArgumentException(
                    "capacity and window must not be negative: " + capacity + ", " + windowMillis);
        }
        this.windowMillis = windowMillis;
        this.capacity = capacity;
        int n = Math.max(1, capacity);
        this.keys = new long[n];
        Arrays.fill(keys, EMPTY);
        this.seen = new long[n];
        this.lengths = new int[n];
        this.chunks = new byte[(n + CHUNK - 1) / CHUNK][];
        int table = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
        this.index = new int[table];
        this.mask = table - 1;
    }

    /** False when nothing is remembered (capacity or window 0). */
    public boolean isEnabled() {
        return capacity > 0 && windowMillis > 0;
    }

    /**
     * The slot of {@code key} when it was remembered within the window, or -1. An entry older than
     * the window is forgotten here.
     */
    public int find(long key, long nowMillis) {
        if (!isEnabled()) {
            return -1;
        }
        int slot = lookup(key);
        if (slot >= 0 && nowMillis - seen[slot] > windowMillis) {
            clear(slot); // the same key after the window: a new request
            return -1;
        }
        return slot;
    }

    /**
     * Remembers {@code key} as a request without an answer yet, forgetting the oldest entry when
     * full and a few that left the window. {@code key} must not be remembered already ({@link
     * #find} first); {@link Long#MIN_VALUE} is not a key.
     */
    public void remember(long key, long nowMillis) {
        if (!isEnabled()) {
            return;
        }
        if (key == EMPTY) {
            throw new IllegalArgumentException("Long.MIN_VALUE is not a key");
        }
        expire(nowMillis);
        if (size == capacity) {
            clear(tail());
            size--;
        }
        int s = head;
        keys[s] = key;
        seen[s] = nowMillis;
        lengths[s] = PENDING;
        insert(key, s);
        head = (head + 1) % capacity;
        size++;
    }

    /**
     * Keeps {@code answer} as the answer of {@code key}, encoded (no reference to the message is
     * kept). False when {@code key} was forgotten meanwhile or already has its answer.
     */
    public boolean answer(long key, DiameterMessage answer) {
        if (!isEnabled()) {
            return false;
        }
        int s = lookup(key);
        if (s < 0 || lengths[s] != PENDING) {
            return false;
        }
        int n = answer.length();
        if (n <= SEGMENT) {
            byte[] chunk = chunks[s / CHUNK];
            if (chunk == null) {
                chunk = chunks[s / CHUNK] = new byte[Math.min(CHUNK, keys.length) * SEGMENT];
            }
            answer.encodeTo(chunk, (s % CHUNK) * SEGMENT);
            lengths[s] = n;
        } else {
            if (large == null) {
                large = new byte[keys.length][];
            }
            large[s] = answer.toBytes();
            lengths[s] = LARGE;
        }
        return true;
    }

    /** True when the request in {@code slot} has its answer. */
    public boolean isAnswered(int slot) {
        return lengths[slot] != PENDING;
    }

    /**
     * A decoded copy of the answer in {@code slot} (this allocates: it is for the rare duplicate);
     * null when it has none yet.
     */
    public DiameterMessage answerAt(int slot) {
        int n = lengths[slot];
        if (n == PENDING) {
            return null;
        }
        // A copy: the decoded message is a view on its bytes, and the segment will be reused.
        byte[] b =
                n == LARGE
                        ? large[slot]
                        : Arrays.copyOfRange(
                                chunks[slot / CHUNK],
                                (slot % CHUNK) * SEGMENT,
                                (slot % CHUNK) * SEGMENT + n);
        DecodeResult r = DECODER.decode(b, 0, b.length);
        if (!r.isSuccess()) {
            throw new IllegalStateException("a remembered answer does not decode: " + r.failure());
        }
        return r.message();
    }

    /** Requests remembered now. */
    public int size() {
        if (capacity == 0) {
            return 0;
        }
        int n = 0;
        int t = tail();
        for (int k = 0; k < size; k++) {
            if (keys[(t + k) % capacity] != EMPTY) {
                n++;
            }
        }
        return n;
    }

    /** Bytes of segment memory allocated so far (grows to capacity × SEGMENT, then stays). */
    public long segmentBytes() {
        long n = 0;
        for (byte[] c : chunks) {
            n += c == null ? 0 : c.length;
        }
        return n;
    }

    /** Forgets the oldest entries that left the window (a few per call: bounded work). */
    private void expire(long now) {
        for (int checked = 0; size > 0 && checked < 16; checked++) {
            int t = tail();
            if (keys[t] != EMPTY && now - seen[t] <= windowMillis) {
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
        lengths[slot] = PENDING;
        if (large != null) {
            large[slot] = null;
        }
    }

    // ---- the index: open addressing, linear probing --------------------------------------------

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private int lookup(long key) {
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
}
