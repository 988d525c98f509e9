package org.diameter4j.dictionary;

import java.util.Arrays;

/**
 * AVP definitions keyed by (Vendor-Id, code) packed into a long, in an open-addressing table: the
 * lookup the decoder makes for every AVP of every message, so it must not box its key.
 */
final class AvpIndex {
    private final long[] keys;
    private final AvpDefinition[] values;
    private final int mask;

    AvpIndex(Iterable<AvpDefinition> defs, int count) {
        int cap = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
        keys = new long[cap];
        values = new AvpDefinition[cap];
        mask = cap - 1;
        Arrays.fill(
                keys,
                -1L); // no (vendor, code) packs to -1: vendor 0xffffffff code 0xffffffff is unused
        for (AvpDefinition d : defs) {
            long k = Dictionary.key(d.code(), d.vendorId());
            int i = slot(k);
            while (keys[i] != -1L) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = d;
        }
    }

    private int slot(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    AvpDefinition get(int code, int vendorId) {
        long k = Dictionary.key(code, vendorId);
        int i = slot(k);
        long found;
        while ((found = keys[i]) != -1L) {
            if (found == k) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }
}
