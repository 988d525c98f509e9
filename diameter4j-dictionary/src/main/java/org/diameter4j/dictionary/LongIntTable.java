package org.diameter4j.dictionary;

import java.util.Arrays;

/**
 * An open-addressing table from a {@code long} key to a non-negative {@code int} (an index into its
 * owner's array): for the lookups made per AVP of every message — a grammar's rule for a
 * (Vendor-Id, code), an Enumerated value's name, a command's grammar — which must neither box their
 * key nor walk a list. Filled once while its owner is built, read-only after; kept at most half
 * full, so a probe ends soon.
 */
final class LongIntTable {
    private final long[] keys;
    private final int[] values; // -1 marks an empty slot, so every long is a valid key
    private final int shift;
    private final int mask;

    /** A table with room for {@code count} keys. */
    LongIntTable(int count) {
        int cap = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(values, -1);
        mask = cap - 1;
        shift = 64 - Integer.numberOfTrailingZeros(cap);
    }

    // Fibonacci hashing: the top bits of key × 2^64/φ spread close keys (codes 1, 2, 3 …) apart.
    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift) & mask;
    }

    /** Maps {@code key} to {@code value} (≥ 0) unless it is there already: the first one wins. */
    void putIfAbsent(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("value " + value + " < 0");
        }
        int i = slot(key);
        while (values[i] >= 0) {
            if (keys[i] == key) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** The value of {@code key}, or -1. */
    int get(long key) {
        int i = slot(key);
        int v;
        while ((v = values[i]) >= 0) {
            if (keys[i] == key) {
                return v;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }
}
