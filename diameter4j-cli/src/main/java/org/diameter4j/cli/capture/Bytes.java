package org.diameter4j.cli.capture;

/**
 * Unsigned reads from a byte array in either byte order. Callers check the bounds first; these
 * helpers only assemble bytes.
 */
final class Bytes {

    private Bytes() {}

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i, boolean littleEndian) {
        return littleEndian
                ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8
                : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    static int u16be(byte[] b, int i) {
        return u16(b, i, false);
    }

    static int u24be(byte[] b, int i) {
        return (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF);
    }

    /** The 32 bits at {@code i} as a signed int (use for sequence numbers and magics). */
    static int i32(byte[] b, int i, boolean littleEndian) {
        return littleEndian
                ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24
                : b[i] << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    static int i32be(byte[] b, int i) {
        return i32(b, i, false);
    }

    /** The 32 bits at {@code i} as an unsigned value. */
    static long u32(byte[] b, int i, boolean littleEndian) {
        return i32(b, i, littleEndian) & 0xFFFFFFFFL;
    }

    /** The 64 bits at {@code i} (two's complement; callers treat it as unsigned if need be). */
    static long u64(byte[] b, int i, boolean littleEndian) {
        long first = u32(b, i, littleEndian);
        long second = u32(b, i + 4, littleEndian);
        return littleEndian ? second << 32 | first : first << 32 | second;
    }
}
