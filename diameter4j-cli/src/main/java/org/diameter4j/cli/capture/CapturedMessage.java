package org.diameter4j.cli.capture;

import java.time.Instant;

/**
 * One Diameter message found in an input.
 *
 * @param bytes the message, exactly its Message Length; or, for a message cut short by a gap in the
 *     capture or the end of the input, the truncated remainder (a warning says so)
 * @param time timestamp of the frame carrying the message's first byte; null for non-capture input
 *     and for pcapng Simple Packet Blocks (which have no timestamp)
 * @param source sender, {@code "10.0.0.1:3868"} or {@code "[2001:db8::1]:3868"}; null for
 *     non-capture input
 * @param destination receiver, same format; null for non-capture input
 * @param frameNumber 1-based capture frame carrying the message's first byte; 0 when not from a
 *     capture
 */
public record CapturedMessage(
        byte[] bytes, Instant time, String source, String destination, long frameNumber) {

    @Override
    public String toString() {
        return "CapturedMessage["
                + bytes.length
                + " bytes, frame "
                + frameNumber
                + ", "
                + source
                + " -> "
                + destination
                + ", "
                + time
                + "]";
    }
}
