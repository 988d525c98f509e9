package org.diameter4j.fuzz;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.OutboundViolation;
import org.diameter4j.dictionary.OutboundViolationListener;

/**
 * Keeps what a node fuzzed with {@code strict-send: log} reported as sent against its grammar (RFC
 * 6733 §3.2): an answer to hostile input must still be a valid answer. Registered through {@code
 * META-INF/services}.
 */
public final class SentViolations implements OutboundViolationListener {
    private static final ConcurrentLinkedQueue<String> SEEN = new ConcurrentLinkedQueue<>();

    /** For {@link java.util.ServiceLoader}. */
    public SentViolations() {}

    @Override
    public void violations(
            DiameterMessage message, List<OutboundViolation> violations, Dictionary dictionary) {
        if (SEEN.size() < 10) {
            SEEN.add(violations + " in " + message);
        }
    }

    /** What was reported since the last call. */
    public static List<String> take() {
        List<String> out = List.copyOf(SEEN);
        SEEN.clear();
        return out;
    }
}
