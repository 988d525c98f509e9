package org.diameter4j.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * Deterministic generators of messages and AVP trees for the randomised codec tests. One instance
 * per case, built from a seed: {@code new MessageGenerator(seed)} replays a failing case exactly.
 */
final class MessageGenerator {
    /** Codes the generator uses for Grouped AVPs, and only for them. */
    static final int GROUPED_BASE = 0x7fff0000;

    static final int GROUPED_CODES = 8;

    /** Vendor-Ids real dictionaries use, plus -1 (0xffffffff). */
    private static final int[] KNOWN_VENDORS = {10415, 12345, 5535, -1};

    /** Integer edge values mixed into the uniform draws. */
    private static final int[] EDGE_INTS = {
        0,
        1,
        -1,
        2,
        -2,
        Integer.MIN_VALUE,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE + 1,
        Integer.MAX_VALUE - 1
    };

    static boolean isGroupedCode(int code) {
        return code >= GROUPED_BASE && code < GROUPED_BASE + GROUPED_CODES;
    }

    /** Knows the generated Grouped codes (any vendor); every other AVP stays opaque. */
    static final AvpTypeResolver GROUPED_ONLY =
            (code, vendor) -> isGroupedCode(code) ? DataType.GROUPED : null;

    /**
     * {@code tries} per-case seeds derived from {@code baseSeed}: the same list on every run, so
     * the suite is deterministic and each case is named by the seed that replays it.
     */
    static LongStream seeds(long baseSeed, int tries) {
        SplittableRandom master = new SplittableRandom(baseSeed);
        return LongStream.generate(master::nextLong).limit(tries);
    }

    /**
     * Runs one case; any failure (assertion or exception) is rethrown with the seed in its message
     * so the case can be replayed with {@code new MessageGenerator(seed)}.
     */
    static void replayable(long seed, ThrowingRunnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            throw new AssertionError(
                    "failed for seed "
                            + seed
                            + "L (replay: new MessageGenerator("
                            + seed
                            + "L)): "
                            + t,
                    t);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Throwable;
    }

    private final SplittableRandom rnd;

    MessageGenerator(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** Any int, with edge values (0, ±1, ±2, MIN, MAX) mixed in about one time in ten. */
    int anyInt() {
        return rnd.nextInt(10) == 0 ? EDGE_INTS[rnd.nextInt(EDGE_INTS.length)] : rnd.nextInt();
    }

    /** An int in [min, max], with both bounds mixed in about one time in ten. */
    int intBetween(int min, int max) {
        int pick = rnd.nextInt(20);
        if (pick == 0) {
            return min;
        }
        if (pick == 1) {
            return max;
        }
        return (int) (min + rnd.nextLong((long) max - min + 1));
    }

    /** A long in [min, max], with both bounds mixed in about one time in ten. */
    long longBetween(long min, long max) {
        int pick = rnd.nextInt(20);
        if (pick == 0) {
            return min;
        }
        if (pick == 1) {
            return max;
        }
        return rnd.nextLong(min, max + 1);
    }

    long anyLong() {
        return rnd.nextLong();
    }

    /** Random bytes of length 0..maxSize; empty and full-size arrays come up more often. */
    byte[] bytes(int maxSize) {
        byte[] b = new byte[intBetween(0, maxSize)];
        rnd.nextBytes(b);
        return b;
    }

    /** 0..maxSize elements from {@code element}; empty and full-size lists come up more often. */
    <T> List<T> list(int maxSize, Supplier<T> element) {
        int n = intBetween(0, maxSize);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.get());
        }
        return out;
    }

    /** 0 half the time; then a known Vendor-Id or any non-zero int, a quarter each. */
    int vendor() {
        int pick = rnd.nextInt(4);
        if (pick < 2) {
            return 0;
        }
        if (pick == 2) {
            return KNOWN_VENDORS[rnd.nextInt(KNOWN_VENDORS.length)];
        }
        int v;
        do {
            v = anyInt();
        } while (v == 0);
        return v;
    }

    /** M, P and the reserved bits; V follows the Vendor-Id. */
    int avpFlags() {
        return intBetween(0, 0x7f);
    }

    /**
     * Any code but the Grouped ones; with {@code smallCodes}, half are 0..15 (typed by some
     * resolvers).
     */
    int leafCode(boolean smallCodes) {
        if (smallCodes && rnd.nextBoolean()) {
            return intBetween(0, 15);
        }
        int c;
        do {
            c = anyInt();
        } while (isGroupedCode(c));
        return c;
    }

    Avp leaf(boolean smallCodes) {
        int code = leafCode(smallCodes);
        int vendor = vendor();
        int flags = avpFlags();
        return Avp.ofBytes(code, vendor, flags, bytes(40));
    }

    /**
     * An AVP with at most {@code depth} levels of Grouped AVPs: leaf 3 times in 4 when depth
     * allows.
     */
    Avp avp(int depth, boolean smallCodes) {
        if (depth == 0 || rnd.nextInt(4) != 0) {
            return leaf(smallCodes);
        }
        return grouped(depth, smallCodes);
    }

    /** A Grouped AVP with 0..4 children of at most {@code depth - 1} levels. */
    Avp grouped(int depth, boolean smallCodes) {
        int code = intBetween(GROUPED_BASE, GROUPED_BASE + GROUPED_CODES - 1);
        int vendor = vendor();
        int flags = avpFlags();
        List<Avp> children = list(4, () -> avp(depth - 1, smallCodes));
        return Avp.grouped(code, vendor, flags, children);
    }

    /**
     * Random header fields (never E on a request, RFC 6733 §3) and 0..6 AVP trees up to depth 4.
     */
    DiameterMessage message(boolean smallCodes) {
        int flags;
        do {
            flags = intBetween(0, 255);
        } while ((flags & 0xa0) == 0xa0);
        int code = intBetween(0, 0xffffff);
        long app = longBetween(0, 0xffffffffL);
        int hbh = anyInt();
        int e2e = anyInt();
        DiameterMessage m = new DiameterMessage(flags, code, app, hbh, e2e);
        list(6, () -> avp(4, smallCodes)).forEach(m::add);
        return m;
    }
}
