package org.diameter4j.cli.capture;

import java.time.Instant;

/**
 * One captured frame, as a slice of the input (nothing is copied).
 *
 * @param number 1-based frame number in the capture
 * @param time capture timestamp, or null when the file has none (pcapng Simple Packet Block) or it
 *     is out of range
 * @param linkType the LINKTYPE_ value of the frame's interface
 * @param buf the whole input
 * @param offset where the frame's captured bytes start in {@code buf}
 * @param length number of captured bytes (checked to lie within {@code buf})
 */
record Frame(long number, Instant time, int linkType, byte[] buf, int offset, int length) {

    /** Receives the frames of a capture file, in file order. */
    interface Sink {
        void frame(Frame frame);
    }
}
