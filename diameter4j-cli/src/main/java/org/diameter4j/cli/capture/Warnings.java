package org.diameter4j.cli.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings of one read: single lines kept in order (at most {@value #MAX} of them), and
 * per-packet conditions (an unsupported link type, SCTP, fragments …) counted and summarised once.
 */
final class Warnings {

    static final int MAX = 1000;

    private final List<String> lines = new ArrayList<>();
    private final Map<String, long[]> counted = new LinkedHashMap<>();
    private long suppressed;

    /** Adds one warning line. */
    void add(String warning) {
        if (lines.size() < MAX) {
            lines.add(warning);
        } else {
            suppressed++;
        }
    }

    /**
     * Counts one packet affected by {@code condition}; {@link #toList()} reports it once, with the
     * number of packets and the first frame.
     */
    void count(String condition, long frame) {
        long[] c = counted.computeIfAbsent(condition, k -> new long[] {0, frame});
        c[0]++;
    }

    /** All warnings: the lines in order, then one line per counted condition. */
    List<String> toList() {
        List<String> all = new ArrayList<>(lines);
        counted.forEach(
                (condition, c) ->
                        all.add(
                                condition
                                        + ": "
                                        + c[0]
                                        + (c[0] == 1 ? " packet" : " packets")
                                        + " (first at frame "
                                        + c[1]
                                        + ")"));
        if (suppressed > 0) {
            all.add(suppressed + " further warnings suppressed");
        }
        return all;
    }
}
