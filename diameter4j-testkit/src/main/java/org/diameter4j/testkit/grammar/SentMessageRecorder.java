package org.diameter4j.testkit.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.OutboundViolation;
import org.diameter4j.dictionary.OutboundViolationListener;
import org.diameter4j.dictionary.dump.MessageDump;

/**
 * Records every invalid message a strict sender reports, as text, for {@link
 * GrammarJudgeExtension}. Found by {@link java.util.ServiceLoader}; the dump is made at once (on
 * the sending thread) because the message may be released or changed after it is sent. Keeps at
 * most {@value #MAX_KEPT} reports between two {@link #drain()}s; the rest are counted.
 */
public final class SentMessageRecorder implements OutboundViolationListener {
    static final int MAX_KEPT = 20;

    private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    /** For {@link java.util.ServiceLoader}. */
    public SentMessageRecorder() {}

    @Override
    public void violations(
            DiameterMessage message, List<OutboundViolation> violations, Dictionary dictionary) {
        if (COUNT.getAndIncrement() >= MAX_KEPT) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (OutboundViolation v : violations) {
            sb.append("  - ").append(v).append('\n');
        }
        sb.append(new MessageDump(dictionary).format(message));
        REPORTS.add(sb.toString());
    }

    /** What was recorded since the last drain, and how many messages in all (kept or not). */
    static Recorded drain() {
        List<String> out = new ArrayList<>();
        String r;
        while ((r = REPORTS.poll()) != null) {
            out.add(r);
        }
        int n = COUNT.getAndSet(0);
        return new Recorded(out, Math.max(n, out.size()));
    }

    record Recorded(List<String> reports, int messages) {
        boolean isEmpty() {
            return messages == 0;
        }

        String describe(String when) {
            StringBuilder sb =
                    new StringBuilder()
                            .append(messages)
                            .append(" message(s) sent ")
                            .append(when)
                            .append(" break their command grammar (RFC 6733 §3.2)");
            if (messages > reports.size()) {
                sb.append("; the first ").append(reports.size()).append(" follow");
            }
            sb.append(":\n");
            for (String r : reports) {
                sb.append(r).append('\n');
            }
            return sb.toString();
        }
    }
}
