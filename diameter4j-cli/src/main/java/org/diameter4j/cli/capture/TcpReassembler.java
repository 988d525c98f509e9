package org.diameter4j.cli.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts TCP segments into directions (source endpoint → destination endpoint) and connections (a
 * SYN with a new initial sequence number on the same addresses and ports starts a new one), then
 * reassembles each with {@link TcpStream} and frames it with {@link DiameterFramer}. Any TCP port
 * is considered; a stream with no plausible Diameter header is ignored (with a warning only when it
 * uses a registered Diameter port, 3868 or 5868).
 */
final class TcpReassembler {

    private final Map<String, List<TcpStream>> directions = new LinkedHashMap<>();
    private long segmentCount;

    /** Adds one segment, in capture order. */
    void add(TcpSegment segment) {
        segmentCount++;
        List<TcpStream> connections =
                directions.computeIfAbsent(
                        segment.source() + " " + segment.destination(), k -> new ArrayList<>());
        TcpStream current = connections.isEmpty() ? null : connections.get(connections.size() - 1);
        if (current == null || segment.syn() && !current.acceptsSyn(segment.sequence())) {
            current = new TcpStream(segment.source(), segment.destination());
            connections.add(current);
        }
        current.add(segment);
    }

    /** Number of TCP segments added. */
    long segmentCount() {
        return segmentCount;
    }

    /** Reassembles and frames every stream; messages ordered by the frame of their first byte. */
    List<CapturedMessage> finish(Warnings warnings) {
        List<CapturedMessage> messages = new ArrayList<>();
        for (List<TcpStream> connections : directions.values()) {
            for (TcpStream stream : connections) {
                int before = messages.size();
                long bytes = 0;
                for (ByteRun run : stream.reassemble(warnings)) {
                    bytes += run.size();
                    for (DiameterFramer.Span span :
                            DiameterFramer.frame(
                                    run.data(),
                                    run.size(),
                                    false,
                                    stream.label(),
                                    run.streamOffset(),
                                    run.endReason(),
                                    warnings)) {
                        messages.add(
                                new CapturedMessage(
                                        Arrays.copyOfRange(
                                                run.data(),
                                                span.offset(),
                                                span.offset() + span.length()),
                                        run.timeAt(span.offset()),
                                        stream.source(),
                                        stream.destination(),
                                        run.frameAt(span.offset())));
                    }
                }
                if (messages.size() == before
                        && bytes > 0
                        && (diameterPort(stream.source()) || diameterPort(stream.destination()))) {
                    warnings.add(
                            stream.label()
                                    + ": "
                                    + bytes
                                    + " bytes on a Diameter port but no plausible Diameter header");
                }
            }
        }
        messages.sort(Comparator.comparingLong(CapturedMessage::frameNumber));
        return messages;
    }

    private static boolean diameterPort(String endpoint) {
        return endpoint.endsWith(":3868") || endpoint.endsWith(":5868");
    }
}
