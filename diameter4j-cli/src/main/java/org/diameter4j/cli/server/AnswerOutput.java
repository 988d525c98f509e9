package org.diameter4j.cli.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.dump.MessageDump;

/**
 * What {@code d4j server} prints about the traffic, printed by its own thread so that the event
 * loops never wait for a terminal or a pipe (issue 10: one synchronous, flushed line per answer
 * capped the server below one core and put allocation on the hot path).
 *
 * <p>The event loop only hands the message over: a bounded queue takes it, or, when the queue is
 * full, a counter says how many were not printed. The printing thread formats.
 *
 * <ul>
 *   <li>Default: one line per answer, at most {@code linesPerSecond} a second; beyond that the
 *       answers are counted, and once a second one line says how many were not printed, by Result
 *       Code. Counting costs no allocation, so a server under load spends nothing on output.
 *   <li>{@code --json}: one JSON object per answer, none skipped while the queue keeps up.
 *   <li>{@code --trace}: every message sent and received, decoded, none skipped while the queue
 *       keeps up.
 * </ul>
 */
public final class AnswerOutput implements AutoCloseable {
    /** The per-second summary tells at most this many distinct Result-Codes, the rest as other. */
    static final int TALLY_CODES = 8;

    private static final int QUEUE = 8192;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Object STOP = new Object();

    /** A message to print: carries the time it was seen, formatted by the printing thread. */
    private record Seen(long millis, String peer, DiameterMessage message, boolean received) {}

    private final PrintWriter out;
    private final Dictionary dict;
    private final MessageDump dump;
    private final boolean json;
    private final boolean trace;
    private final int linesPerSecond;
    private final LongSupplier clock;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread printer;
    private long summarised; // the second of the last summary; the printing thread's

    // The current second's budget and tally; guarded by this.
    private long second = Long.MIN_VALUE;
    private int printed;
    private long notPrinted;
    private final long[] codes = new long[TALLY_CODES];
    private final long[] counts = new long[TALLY_CODES];
    private int distinct;
    private long otherCodes;
    private long lost; // the queue was full

    /**
     * @param linesPerSecond answer lines printed per second at most (0: summaries only); not used
     *     with {@code json} or {@code trace}, which print everything
     */
    public AnswerOutput(
            PrintWriter out,
            Dictionary dict,
            boolean json,
            boolean trace,
            int linesPerSecond,
            LongSupplier clock) {
        this.out = out;
        this.dict = dict;
        this.dump = new MessageDump(dict);
        this.json = json;
        this.trace = trace && !json;
        this.linesPerSecond = linesPerSecond;
        this.clock = clock;
        this.summarised = clock.getAsLong() / 1000;
        this.printer = new Thread(this::printLoop, "d4j-server-output");
        printer.setDaemon(true);
        printer.start();
    }

    /**
     * Called on an event loop for every message the node sent or received; never blocks. Only the
     * application answers we send are printed (and everything with {@code --trace}).
     */
    public void message(String peer, DiameterMessage m, boolean received) {
        if (!trace && (received || m.isRequest() || m.applicationId() == 0)) {
            return;
        }
        long now = clock.getAsLong();
        if (!json && !trace && !withinBudget(now, m)) {
            return;
        }
        if (!queue.offer(new Seen(now, peer, m, received))) {
            synchronized (this) {
                lost++;
            }
        }
    }

    /** Spends one line of this second's budget, or tallies the answer; true to print it. */
    private synchronized boolean withinBudget(long now, DiameterMessage m) {
        long s = now / 1000;
        if (s != second) {
            second = s;
            printed = 0;
        }
        if (printed < linesPerSecond) {
            printed++;
            return true;
        }
        notPrinted++;
        long rc = resultCode(m);
        for (int i = 0; i < distinct; i++) {
            if (codes[i] == rc) {
                counts[i]++;
                return false;
            }
        }
        if (distinct < TALLY_CODES) {
            codes[distinct] = rc;
            counts[distinct++] = 1;
        } else {
            otherCodes++;
        }
        return false;
    }

    /** Result-Code, or Experimental-Result-Code (RFC 6733 §7.6), or -1. */
    private static long resultCode(DiameterMessage m) {
        Avp rc = m.find(268);
        if (rc != null && rc.valueLength() == 4) {
            return rc.asUnsigned32();
        }
        Avp er = m.find(297);
        if (er != null) {
            Avp code = er.children().find(298);
            if (code != null && code.valueLength() == 4) {
                return code.asUnsigned32();
            }
        }
        return -1;
    }

    private void printLoop() {
        try {
            while (true) {
                Object o = queue.poll(250, TimeUnit.MILLISECONDS);
                if (o == STOP) {
                    summary();
                    return;
                }
                if (o instanceof Seen s) {
                    print(s);
                    if (queue.isEmpty()) {
                        out.flush();
                    }
                }
                long s = clock.getAsLong() / 1000;
                if (s != summarised && queue.isEmpty()) {
                    // A second ended and its lines are out: what it did not print, in one line.
                    summarised = s;
                    summary();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("d4j server: output stopped: " + e);
            out.flush();
        }
    }

    /** One line for the answers not printed since the last one, and those the queue lost. */
    private void summary() {
        String line;
        synchronized (this) {
            if (notPrinted == 0 && lost == 0) {
                return;
            }
            StringBuilder b = new StringBuilder();
            b.append(time(clock.getAsLong())).append("  ");
            if (notPrinted > 0) {
                b.append(notPrinted).append(" more answer").append(notPrinted == 1 ? "" : "s");
                b.append(" not printed (");
                for (int i = 0; i < distinct; i++) {
                    b.append(i == 0 ? "" : ", ").append(codeName(codes[i]));
                    b.append(" × ").append(counts[i]);
                }
                if (otherCodes > 0) {
                    b.append(", other × ").append(otherCodes);
                }
                b.append("); at most ")
                        .append(linesPerSecond)
                        .append(" lines a second (--lines-per-second)");
            }
            if (lost > 0) {
                b.append(notPrinted > 0 ? "; " : "")
                        .append(lost)
                        .append(" message")
                        .append(lost == 1 ? "" : "s")
                        .append(" not printed: the output could not keep up");
            }
            line = b.toString();
            notPrinted = 0;
            distinct = 0;
            otherCodes = 0;
            lost = 0;
        }
        out.println(line);
        out.flush();
    }

    private String codeName(long code) {
        if (code < 0) {
            return "no result";
        }
        String name = dict.resultCodeName(code);
        return name == null ? Long.toString(code) : code + " " + name;
    }

    private void print(Seen s) {
        if (trace) {
            out.println(
                    time(s.millis())
                            + (s.received() ? "  received from " : "  sent to ")
                            + s.peer());
            out.print(dump.format(s.message()));
            return;
        }
        DiameterMessage answer = s.message();
        Dictionary.Result r = dict.result(answer);
        Avp sid = answer.find(263);
        String cmd = dict.commandName(answer.applicationId(), answer.commandCode(), true);
        if (json) {
            StringWriter sw = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
                g.writeStartObject();
                g.writeStringField("time", Instant.ofEpochMilli(s.millis()).toString());
                g.writeStringField("peer", s.peer());
                g.writeStringField("command", cmd);
                g.writeStringField("sessionId", sid != null ? sid.asUtf8() : null);
                if (r != null) {
                    g.writeNumberField("resultCode", r.code());
                    g.writeStringField("resultName", r.name());
                    if (r.vendorId() != 0) {
                        g.writeNumberField("experimentalVendorId", r.vendorId());
                    }
                }
                g.writeEndObject();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            out.println(sw);
            return;
        }
        out.println(
                time(s.millis())
                        + "  "
                        + s.peer()
                        + "  "
                        + cmd
                        + (sid != null ? "  " + sid.asUtf8() : "")
                        + "  -> "
                        + (r != null ? r : "(no result)"));
    }

    private static String time(long millis) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(millis), ZoneId.systemDefault())
                .format(TIME);
    }

    /** Prints what is queued and the last summary, then stops the printing thread. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            printer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
    }
}
