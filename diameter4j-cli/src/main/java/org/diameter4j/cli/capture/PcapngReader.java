package org.diameter4j.cli.capture;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pcapng file: Section Header Blocks in either byte order (several sections allowed, each
 * with its own interfaces), Interface Description Blocks (link type, {@code if_tsresol}, {@code
 * if_tsoffset}), Enhanced Packet Blocks, Simple Packet Blocks and the obsolete Packet Block. Every
 * other block (Name Resolution, Interface Statistics, custom, …) is skipped by its length.
 *
 * <p>Frames are numbered 1, 2, … over the packet blocks of all sections, as Wireshark does. A bad
 * block length or a packet larger than its block is a {@link CaptureException}; a block cut short
 * by the end of the file gives a warning and ends the read.
 */
final class PcapngReader {

    static final int SHB = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1;
    private static final int PACKET_BLOCK = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;

    private PcapngReader() {}

    /** One interface of the current section. */
    private record Interface(
            int linkType, long snaplen, boolean binary, int exponent, long offset) {}

    /** True when {@code in} starts with a Section Header Block. */
    static boolean matches(byte[] in) {
        return in.length >= 4 && Bytes.i32be(in, 0) == SHB;
    }

    /** Reads every packet block of the pcapng file {@code in}, in file order. */
    static void read(byte[] in, Frame.Sink sink, Warnings warnings) throws CaptureException {
        boolean le = true;
        List<Interface> interfaces = new ArrayList<>();
        int pos = 0;
        long blockNumber = 0;
        long frameNumber = 0;
        while (pos < in.length) {
            blockNumber++;
            String where = "pcapng block " + blockNumber + " at byte " + pos;
            int left = in.length - pos;
            if (left < 12) {
                if (pos == 0) {
                    throw new CaptureException(where + ": section header truncated", pos);
                }
                warnings.add(where + ": truncated (" + left + " bytes left); ignored");
                break;
            }
            if (Bytes.i32be(in, pos) == SHB) {
                int bom = Bytes.i32be(in, pos + 8);
                if (bom == BYTE_ORDER_MAGIC) {
                    le = false;
                } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
                    le = true;
                } else {
                    throw new CaptureException(
                            where + ": section header with an invalid byte-order magic", pos);
                }
                interfaces = new ArrayList<>();
            }
            int type = Bytes.i32(in, pos, le);
            long length = Bytes.u32(in, pos + 4, le);
            if (length < 12 || length % 4 != 0) {
                throw new CaptureException(where + ": invalid block length " + length, pos);
            }
            if (length > left) {
                if (pos == 0) {
                    throw new CaptureException(
                            where
                                    + ": section header truncated (length "
                                    + length
                                    + ", "
                                    + left
                                    + " bytes present)",
                            pos);
                }
                warnings.add(
                        where
                                + ": truncated (length "
                                + length
                                + ", "
                                + left
                                + " bytes present); ignored");
                break;
            }
            int end = pos + (int) length - 4;
            long trailer = Bytes.u32(in, end, le);
            if (trailer != length) {
                throw new CaptureException(
                        where
                                + ": trailing block length "
                                + trailer
                                + " differs from the leading one "
                                + length,
                        pos);
            }
            int body = pos + 8;
            int bodyLength = end - body;
            switch (type) {
                case SHB -> {
                    if (bodyLength < 16) {
                        throw new CaptureException(where + ": section header too short", pos);
                    }
                    int major = Bytes.u16(in, body + 4, le);
                    if (major != 1) {
                        warnings.add(
                                where
                                        + ": pcapng version "
                                        + major
                                        + " (expected 1); reading it as 1");
                    }
                }
                case IDB -> interfaces.add(readInterface(in, body, end, le, where, warnings));
                case EPB, PACKET_BLOCK -> {
                    if (bodyLength < 20) {
                        throw new CaptureException(where + ": packet block too short", pos);
                    }
                    long id = type == EPB ? Bytes.u32(in, body, le) : Bytes.u16(in, body, le);
                    long captured = Bytes.u32(in, body + 12, le);
                    if (captured > bodyLength - 20) {
                        throw new CaptureException(
                                where + ": captured length " + captured + " exceeds the block",
                                pos);
                    }
                    frameNumber++;
                    if (id >= interfaces.size()) {
                        warnings.add(
                                where
                                        + ": packet of undeclared interface "
                                        + id
                                        + "; frame "
                                        + frameNumber
                                        + " skipped");
                        break;
                    }
                    Interface i = interfaces.get((int) id);
                    long ticks = Bytes.u32(in, body + 4, le) << 32 | Bytes.u32(in, body + 8, le);
                    sink.frame(
                            new Frame(
                                    frameNumber,
                                    time(ticks, i),
                                    i.linkType(),
                                    in,
                                    body + 20,
                                    (int) captured));
                }
                case SPB -> {
                    if (bodyLength < 4) {
                        throw new CaptureException(where + ": simple packet block too short", pos);
                    }
                    frameNumber++;
                    if (interfaces.isEmpty()) {
                        warnings.add(
                                where
                                        + ": simple packet block before any interface; frame "
                                        + frameNumber
                                        + " skipped");
                        break;
                    }
                    Interface i = interfaces.get(0);
                    long captured = Math.min(Bytes.u32(in, body, le), bodyLength - 4);
                    if (i.snaplen() > 0) {
                        captured = Math.min(captured, i.snaplen());
                    }
                    sink.frame(
                            new Frame(
                                    frameNumber, null, i.linkType(), in, body + 4, (int) captured));
                }
                default -> {
                    // Name Resolution, Interface Statistics, Decryption Secrets, custom …: skipped.
                }
            }
            pos += (int) length;
        }
    }

    private static Interface readInterface(
            byte[] in, int body, int end, boolean le, String where, Warnings warnings)
            throws CaptureException {
        if (end - body < 8) {
            throw new CaptureException(where + ": interface description too short", body - 8);
        }
        int linkType = Bytes.u16(in, body, le);
        long snaplen = Bytes.u32(in, body + 4, le);
        boolean binary = false;
        int exponent = 6;
        long offset = 0;
        int p = body + 8;
        while (end - p >= 4) {
            int code = Bytes.u16(in, p, le);
            int length = Bytes.u16(in, p + 2, le);
            if (code == 0) {
                break;
            }
            if (length > end - p - 4) {
                warnings.add(where + ": interface option " + code + " overruns the block");
                break;
            }
            if (code == 9 && length >= 1) {
                int v = Bytes.u8(in, p + 4);
                binary = (v & 0x80) != 0;
                exponent = v & 0x7F;
            } else if (code == 14 && length >= 8) {
                offset = Bytes.u64(in, p + 4, le);
            }
            p += 4 + ((length + 3) & ~3);
        }
        return new Interface(linkType, snaplen, binary, exponent, offset);
    }

    /**
     * Converts an unsigned timestamp in the interface's resolution to an Instant (null if out of
     * range).
     */
    static Instant time(long ticks, boolean binary, int exponent, long offsetSeconds) {
        try {
            long seconds;
            long nanos;
            if (!binary && exponent <= 9) {
                long unit = pow10(exponent);
                seconds = Long.divideUnsigned(ticks, unit);
                nanos = Long.remainderUnsigned(ticks, unit) * pow10(9 - exponent);
            } else {
                BigDecimal value = new BigDecimal(Long.toUnsignedString(ticks));
                value =
                        binary
                                ? value.divide(BigDecimal.valueOf(2).pow(exponent))
                                : value.movePointLeft(exponent);
                BigDecimal whole = value.setScale(0, java.math.RoundingMode.FLOOR);
                seconds = whole.longValueExact();
                nanos = value.subtract(whole).movePointRight(9).longValue();
            }
            return Instant.ofEpochSecond(Math.addExact(seconds, offsetSeconds), nanos);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    private static Instant time(long ticks, Interface i) {
        return time(ticks, i.binary(), i.exponent(), i.offset());
    }

    private static long pow10(int n) {
        long v = 1;
        for (int k = 0; k < n; k++) {
            v *= 10;
        }
        return v;
    }
}
