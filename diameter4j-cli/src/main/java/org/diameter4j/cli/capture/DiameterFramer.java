package org.diameter4j.cli.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds Diameter message boundaries in a contiguous byte stream (one TCP direction between two
 * gaps, or a whole raw / hex input).
 *
 * <p>While in sync, each message header is checked cheaply before its length is trusted: version 1,
 * Message Length ≥ 20, a multiple of 4 and ≤ 16 MiB. A header failing that check loses sync: the
 * framer then scans forward for a <em>plausible</em> header — the cheap check plus reserved command
 * flags clear, no E flag on a request, command code ≥ 256, and AVP headers that chain without
 * overrunning the message (to its exact end when the whole message is present) — and warns about
 * the skipped bytes with their stream offset. A wholly present plausible message wins over an
 * earlier one cut by the end of the data (AVP code bytes such as {@code 00 00 01 28 40 00} easily
 * pass for a huge cut message). A stream that has never been in sync must start, after such a scan,
 * at a plausible header; a stream with no plausible header at all yields nothing and no warning (it
 * is some other protocol).
 *
 * <p>A message cut short by the end of the data is returned as a truncated span, with a warning.
 */
final class DiameterFramer {

    static final int HEADER_LENGTH = 20;
    static final int MAX_LENGTH = 16 * 1024 * 1024;
    private static final int MAX_AVPS_CHECKED = 4096;

    private DiameterFramer() {}

    /**
     * Where one message lies in the data.
     *
     * @param offset start of the message
     * @param length bytes present (the Message Length unless truncated)
     * @param truncated true when the data ended before the message did
     */
    record Span(int offset, int length, boolean truncated) {}

    /**
     * Frames {@code data[0..size)}.
     *
     * @param lenientStart accept offset 0 after the cheap header check only (for input the user
     *     says is a message, so that the decoder can report what is wrong with it)
     * @param label prefix of the warnings, e.g. {@code "TCP 10.0.0.1:40000 -> 10.0.0.2:3868"}
     * @param base stream offset of {@code data[0]}, for the warnings
     * @param endReason what ends the data, for the warnings: {@code "a gap in the capture"} …
     */
    static List<Span> frame(
            byte[] data,
            int size,
            boolean lenientStart,
            String label,
            long base,
            String endReason,
            Warnings warnings) {
        List<Span> spans = new ArrayList<>();
        int pos = 0;
        boolean synced = lenientStart && headerValid(data, 0, size);
        boolean everSynced = synced;
        while (pos < size) {
            int left = size - pos;
            if (synced) {
                if (left < 4) {
                    spans.add(new Span(pos, left, true));
                    warnings.add(
                            label
                                    + ": message at stream offset "
                                    + (base + pos)
                                    + " truncated by "
                                    + endReason
                                    + ": only "
                                    + left
                                    + " header bytes");
                    break;
                }
                if (!headerValid(data, pos, size)) {
                    warnings.add(
                            label
                                    + ": invalid Diameter header at stream offset "
                                    + (base + pos)
                                    + " (version "
                                    + (data[pos] & 0xFF)
                                    + ", length "
                                    + Bytes.u24be(data, pos + 1)
                                    + "); resynchronising");
                    synced = false;
                    continue;
                }
                int length = Bytes.u24be(data, pos + 1);
                if (length <= left) {
                    spans.add(new Span(pos, length, false));
                    pos += length;
                } else {
                    spans.add(new Span(pos, left, true));
                    warnings.add(
                            label
                                    + ": message at stream offset "
                                    + (base + pos)
                                    + " truncated by "
                                    + endReason
                                    + ": "
                                    + left
                                    + " of "
                                    + length
                                    + " bytes");
                    pos = size;
                }
            } else {
                int found = findPlausible(data, pos, size);
                if (found < 0) {
                    if (everSynced) {
                        warnings.add(
                                label
                                        + ": "
                                        + left
                                        + " bytes skipped from stream offset "
                                        + (base + pos)
                                        + ": no plausible Diameter header");
                    }
                    break;
                }
                if (found > pos) {
                    warnings.add(
                            label
                                    + ": "
                                    + (found - pos)
                                    + " bytes skipped from stream offset "
                                    + (base + pos)
                                    + " to a plausible Diameter header at "
                                    + (base + found));
                }
                pos = found;
                synced = true;
                everSynced = true;
            }
        }
        return spans;
    }

    /** The cheap check: version 1 and a sane Message Length (needs 4 bytes). */
    static boolean headerValid(byte[] d, int p, int size) {
        if (size - p < 4 || d[p] != 1) {
            return false;
        }
        int length = Bytes.u24be(d, p + 1);
        return length >= HEADER_LENGTH && length % 4 == 0 && length <= MAX_LENGTH;
    }

    /**
     * The first offset ≥ {@code from} holding a plausible message that is wholly present; failing
     * that, the first holding a plausible message cut by the end of the data; or -1. (A message
     * wholly present must chain its AVPs to its exact end, which bytes inside AVP data rarely do; a
     * cut one cannot be checked as well, so it only wins when nothing better follows.)
     */
    static int findPlausible(byte[] d, int from, int size) {
        int cut = -1;
        for (int p = from; p <= size - HEADER_LENGTH; p++) {
            if (d[p] == 1 && plausible(d, p, size)) {
                if (p + Bytes.u24be(d, p + 1) <= size) {
                    return p;
                }
                if (cut < 0) {
                    cut = p;
                }
            }
        }
        return cut;
    }

    /** The thorough check used to (re)gain sync (needs the whole 20-byte header). */
    static boolean plausible(byte[] d, int p, int size) {
        if (size - p < HEADER_LENGTH || !headerValid(d, p, size)) {
            return false;
        }
        int flags = d[p + 4] & 0xFF;
        if ((flags & 0x0F) != 0 || (flags & 0xA0) == 0xA0) { // reserved bits; E only in answers
            return false;
        }
        if (Bytes.u24be(d, p + 5) < 256) {
            return false;
        }
        int length = Bytes.u24be(d, p + 1);
        long messageEnd = (long) p + length;
        int available = (int) Math.min(messageEnd, size);
        int q = p + HEADER_LENGTH;
        for (int avps = 0; avps < MAX_AVPS_CHECKED; avps++) {
            if (available - q < 8) {
                break;
            }
            int avpFlags = d[q + 4] & 0xFF;
            int avpLength = Bytes.u24be(d, q + 5);
            int minimum = (avpFlags & 0x80) != 0 ? 12 : 8;
            if (Bytes.i32be(d, q) == 0 || (avpFlags & 0x1F) != 0 || avpLength < minimum) {
                return false;
            }
            long next = (long) q + ((avpLength + 3) & ~3);
            if (next > messageEnd) {
                return false;
            }
            q = (int) next;
            if (avps == MAX_AVPS_CHECKED - 1) {
                return true;
            }
        }
        return messageEnd > size || q == messageEnd;
    }
}
