package org.diameter4j.interop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.DiameterNode;

/** Every message a node sent and received ({@link DiameterNode#trace}), with a time stamp. */
final class MessageTrace implements Consumer<DiameterNode.Traced> {
    static final int CER = 257;
    static final int DWR = 280;
    static final int DPR = 282;

    /** One message: {@code at} is milliseconds since the trace was created. */
    record Entry(long at, String peer, boolean received, DiameterMessage message) {
        boolean is(int commandCode, boolean request, boolean wasReceived) {
            return message.commandCode() == commandCode
                    && message.isRequest() == request
                    && received == wasReceived;
        }

        @Override
        public String toString() {
            return String.format(
                    "%6d ms %s %s %s%s",
                    at,
                    received ? "<-" : "->",
                    peer,
                    name(message),
                    message.isError() ? " (E)" : "");
        }
    }

    private final long t0 = System.nanoTime();
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void accept(DiameterNode.Traced t) {
        entries.add(
                new Entry(
                        (System.nanoTime() - t0) / 1_000_000, t.peer(), t.received(), t.message()));
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    boolean has(int commandCode, boolean request, boolean received) {
        return entries.stream().anyMatch(e -> e.is(commandCode, request, received));
    }

    long count(int commandCode, boolean request, boolean received) {
        return entries.stream().filter(e -> e.is(commandCode, request, received)).count();
    }

    /** Waits until a message matches; fails with the whole trace when none does in time. */
    Entry await(Predicate<Entry> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Entry e : entries) {
                if (match.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError(
                        "no " + what + " within " + timeout.toMillis() + " ms; trace:\n" + this);
            }
            Thread.sleep(50);
        }
    }

    Entry await(int commandCode, boolean request, boolean received, Duration timeout)
            throws InterruptedException {
        return await(
                e -> e.is(commandCode, request, received),
                timeout,
                (received ? "received " : "sent ") + name(commandCode, request));
    }

    static String name(DiameterMessage m) {
        return name(m.commandCode(), m.isRequest());
    }

    static String name(int code, boolean request) {
        String base =
                switch (code) {
                    case CER -> "CE";
                    case DWR -> "DW";
                    case DPR -> "DP";
                    case 272 -> "CC";
                    default -> "cmd " + code + " ";
                };
        return base + (request ? "R" : "A");
    }

    @Override
    public String toString() {
        return entries.stream().map(Entry::toString).collect(Collectors.joining("\n"));
    }
}
