package org.diameter4j.cli.capture;

import java.time.Instant;
import java.util.Arrays;

/**
 * A contiguous stretch of one TCP direction's byte stream (between two gaps), with the frame and
 * timestamp that delivered each byte. Grows like an array list; its size never exceeds the captured
 * payload it was built from.
 */
final class ByteRun {

    private final long streamOffset;
    private byte[] data = new byte[64];
    private int size;
    private int[] markOffsets = new int[8];
    private long[] markFrames = new long[8];
    private Instant[] markTimes = new Instant[8];
    private int marks;
    private String endReason = "the end of the capture";

    /**
     * @param streamOffset stream offset (bytes since the stream's first byte) of this run's start
     */
    ByteRun(long streamOffset) {
        this.streamOffset = streamOffset;
    }

    /** Appends {@code src[off..off+len)} delivered by {@code frame}. */
    void append(byte[] src, int off, int len, long frame, Instant time) {
        if (len <= 0) {
            return;
        }
        if (data.length - size < len) {
            data = Arrays.copyOf(data, Math.max(size + len, data.length * 2));
        }
        System.arraycopy(src, off, data, size, len);
        if (marks == 0 || markFrames[marks - 1] != frame) {
            if (marks == markOffsets.length) {
                markOffsets = Arrays.copyOf(markOffsets, marks * 2);
                markFrames = Arrays.copyOf(markFrames, marks * 2);
                markTimes = Arrays.copyOf(markTimes, marks * 2);
            }
            markOffsets[marks] = size;
            markFrames[marks] = frame;
            markTimes[marks] = time;
            marks++;
        }
        size += len;
    }

    long streamOffset() {
        return streamOffset;
    }

    byte[] data() {
        return data;
    }

    int size() {
        return size;
    }

    /** What ended this run ("a gap in the capture", "the end of the capture" …). */
    String endReason() {
        return endReason;
    }

    void endReason(String reason) {
        this.endReason = reason;
    }

    /** The frame that delivered the byte at {@code offset} (0 ≤ offset < size). */
    long frameAt(int offset) {
        return markFrames[markIndex(offset)];
    }

    /** The timestamp of the frame that delivered the byte at {@code offset}. */
    Instant timeAt(int offset) {
        return markTimes[markIndex(offset)];
    }

    private int markIndex(int offset) {
        int i = Arrays.binarySearch(markOffsets, 0, marks, offset);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }
}
