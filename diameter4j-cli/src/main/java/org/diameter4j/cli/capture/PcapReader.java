package org.diameter4j.cli.capture;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads a classic libpcap file: either byte order, microsecond ({@code a1b2c3d4}) or nanosecond
 * ({@code a1b23c4d}) timestamps, and the "modified" (Kuznetzov) variant ({@code a1b2cd34}) with its
 * longer record header. Hands each record to a {@link Frame.Sink}.
 *
 * <p>A record header or record body cut short at the end of the file gives a warning (the captured
 * part of a cut body is still used); a captured length above the file's snaplen is a {@link
 * CaptureException}.
 */
final class PcapReader {

    static final int MAGIC_MICRO = 0xA1B2C3D4;
    static final int MAGIC_NANO = 0xA1B23C4D;
    static final int MAGIC_MODIFIED = 0xA1B2CD34;

    private static final int GLOBAL_HEADER = 24;

    private PcapReader() {}

    /** True when {@code in} starts with a pcap magic number in either byte order. */
    static boolean matches(byte[] in) {
        if (in.length < 4) {
            return false;
        }
        int be = Bytes.i32(in, 0, false);
        int le = Bytes.i32(in, 0, true);
        return isMagic(be) || isMagic(le);
    }

    private static boolean isMagic(int m) {
        return m == MAGIC_MICRO || m == MAGIC_NANO || m == MAGIC_MODIFIED;
    }

    /** Reads every record of the pcap file {@code in}, in file order. */
    static void read(byte[] in, Frame.Sink sink, Warnings warnings) throws CaptureException {
        if (in.length < GLOBAL_HEADER) {
            throw new CaptureException(
                    "pcap global header truncated: " + in.length + " of 24 bytes", in.length);
        }
        boolean le = isMagic(Bytes.i32(in, 0, true));
        int magic = Bytes.i32(in, 0, le);
        boolean nano = magic == MAGIC_NANO;
        int recordHeader = magic == MAGIC_MODIFIED ? 24 : 16;
        int major = Bytes.u16(in, 4, le);
        if (major != 2) {
            warnings.add(
                    "pcap version "
                            + major
                            + "."
                            + Bytes.u16(in, 6, le)
                            + " (expected 2.4); reading it as 2.4");
        }
        long snaplen = Bytes.u32(in, 16, le);
        int linkType = (int) (Bytes.u32(in, 20, le) & 0xFFFF);

        int pos = GLOBAL_HEADER;
        long number = 0;
        while (pos < in.length) {
            number++;
            int left = in.length - pos;
            if (left < recordHeader) {
                warnings.add(
                        "pcap record "
                                + number
                                + " at byte "
                                + pos
                                + ": record header truncated ("
                                + left
                                + " of "
                                + recordHeader
                                + " bytes); ignored");
                break;
            }
            long seconds = Bytes.u32(in, pos, le);
            long fraction = Bytes.u32(in, pos + 4, le);
            long captured = Bytes.u32(in, pos + 8, le);
            if (snaplen != 0 && captured > snaplen) {
                throw new CaptureException(
                        "pcap record "
                                + number
                                + " at byte "
                                + pos
                                + ": captured length "
                                + captured
                                + " exceeds snaplen "
                                + snaplen,
                        pos);
            }
            int body = pos + recordHeader;
            int available = (int) Math.min(captured, in.length - body);
            if (available < captured) {
                warnings.add(
                        "pcap record "
                                + number
                                + " at byte "
                                + pos
                                + ": truncated, "
                                + available
                                + " of "
                                + captured
                                + " captured bytes present");
            }
            Instant time = time(seconds, nano ? fraction : fraction * 1000);
            sink.frame(new Frame(number, time, linkType, in, body, available));
            if (available < captured) {
                break;
            }
            pos = body + available;
        }
    }

    private static Instant time(long seconds, long nanos) {
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
