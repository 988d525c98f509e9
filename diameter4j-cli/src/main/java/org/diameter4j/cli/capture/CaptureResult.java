package org.diameter4j.cli.capture;

import java.util.List;

/**
 * What {@link CaptureReader#read(byte[])} found.
 *
 * @param kind the detected input kind: {@code "pcap"}, {@code "pcapng"}, {@code "hex"} or {@code
 *     "raw"}
 * @param messages every Diameter message found, in stream order (ordered by the frame carrying each
 *     message's first byte, then by position in its TCP stream)
 * @param warnings what was skipped, resynchronised or truncated, one line each, for the user
 */
public record CaptureResult(String kind, List<CapturedMessage> messages, List<String> warnings) {

    /** Copies both lists, which are then unmodifiable. */
    public CaptureResult {
        messages = List.copyOf(messages);
        warnings = List.copyOf(warnings);
    }
}
