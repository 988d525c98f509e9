package org.diameter4j.cli.send;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.diameter4j.cli.Main;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.dump.MessageDump;

/**
 * Prints each answer of {@code d4j client} (text or one JSON object per line) and the summary;
 * keeps the counts that decide the exit code. Called from event loops: synchronized, prints and
 * returns.
 */
public final class Report {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int ERROR_MESSAGE = 281;
    private static final int FAILED_AVP = 279;

    private final Dictionary dict;
    private final PrintWriter out;
    private final boolean json;
    private final MessageDump dump;
    private final Histogram latency = new Histogram(3_600_000_000L, 3);
    private final Map<String, Long> byResult = new TreeMap<>();
    private final Map<Outcome.Cause, Long> byCause = new TreeMap<>();
    private long requests;
    private long answers;
    private long failures;
    private long nonSuccess;

    private final boolean steps;

    /** {@code steps}: sessions have several messages (lines show "#session.step"). */
    public Report(Dictionary dict, PrintWriter out, boolean json, boolean steps) {
        this.steps = steps;
        this.dict = dict;
        this.out = out;
        this.json = json;
        this.dump = new MessageDump(dict);
    }

    public void accept(Outcome o) {
        synchronized (out) {
            requests++;
            if (o.answer() != null) {
                answers++;
                latency.recordValue(Math.max(1, o.latencyNanos() / 1000));
                String key = o.result() != null ? Long.toString(o.result().code()) : "none";
                byResult.merge(key, 1L, Long::sum);
                if (!o.success()) {
                    nonSuccess++;
                }
            } else {
                failures++;
                byCause.merge(o.cause(), 1L, Long::sum);
            }
            out.println(json ? json(o) : text(o));
            out.flush();
        }
    }

    private String text(Outcome o) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-5s %-4s ",
                        "#" + o.session() + (steps ? "." + (o.step() + 1) : ""),
                        o.command()));
        if (o.answer() == null) {
            sb.append(
                            switch (o.cause()) {
                                case TIMEOUT -> "TIMEOUT";
                                case INVALID -> "NOT SENT";
                                case THROTTLED -> "THROTTLED";
                                default -> "FAILED";
                            })
                    .append("  ")
                    .append(o.error().getMessage());
            if (o.cause() == Outcome.Cause.INVALID) {
                sb.append(
                        "\n    Fix the template, or send it anyway with --strict-send=off (the peer"
                                + " will likely refuse it)");
            }
            sb.append(String.format(Locale.ROOT, "  (%.1f ms)", o.latencyMillis()));
        } else {
            DiameterMessage a = o.answer();
            sb.append(dict.commandName(a.applicationId(), a.commandCode(), false)).append(' ');
            sb.append(o.result() != null ? o.result().toString() : "(no Result-Code)");
            sb.append(String.format(Locale.ROOT, "  %.1f ms", o.latencyMillis()));
        }
        if (o.sessionId() != null && o.request().find(263) != null) {
            sb.append("  ").append(o.sessionId());
        }
        if (o.answer() != null) {
            Avp em = o.answer().find(ERROR_MESSAGE, 0);
            if (em != null) {
                sb.append("\n    Error-Message: \"").append(em.asUtf8()).append('"');
            }
            for (Avp f : o.answer().avps().findAll(FAILED_AVP, 0)) {
                sb.append("\n    Failed-AVP:\n");
                try {
                    for (Avp c : f.children()) {
                        sb.append(dump.formatAvp(c, 6));
                    }
                } catch (RuntimeException e) {
                    sb.append("      (malformed: ").append(e.getMessage()).append(")\n");
                }
                sb.setLength(sb.length() - 1);
            }
        }
        return sb.toString();
    }

    private String json(Outcome o) {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            org.diameter4j.cli.json.MessageJson w = new org.diameter4j.cli.json.MessageJson(dict);
            g.writeStartObject();
            g.writeStringField("command", o.command());
            DiameterMessage a = o.answer();
            if (a != null) {
                g.writeStringField(
                        "answer", dict.commandName(a.applicationId(), a.commandCode(), false));
            }
            if (o.result() != null) {
                g.writeNumberField("resultCode", o.result().code());
                g.writeStringField("resultName", o.result().name());
                if (o.result().vendorId() != 0) {
                    g.writeNumberField(
                            "experimentalVendorId", Integer.toUnsignedLong(o.result().vendorId()));
                }
            } else {
                g.writeNullField("resultCode");
                g.writeNullField("resultName");
            }
            if (o.request().find(263) != null) {
                g.writeStringField("sessionId", o.sessionId());
            } else {
                g.writeNullField("sessionId");
            }
            g.writeNumberField("latencyMs", Math.round(o.latencyMillis() * 1000) / 1000.0);
            g.writeNumberField("session", o.session());
            g.writeNumberField("step", o.step());
            if (a != null) {
                Avp em = a.find(ERROR_MESSAGE, 0);
                if (em != null) {
                    g.writeStringField("errorMessage", em.asUtf8());
                }
                Avp f = a.find(FAILED_AVP, 0);
                if (f != null) {
                    g.writeFieldName("failedAvp");
                    try {
                        w.writeAvps(g, f.children());
                    } catch (RuntimeException e) {
                        g.writeString("malformed: " + e.getMessage());
                    }
                }
            } else {
                g.writeStringField(
                        "error",
                        (o.cause() == Outcome.Cause.TIMEOUT ? "timeout: " : "")
                                + o.error().getMessage());
                g.writeStringField("cause", o.cause().name().toLowerCase(Locale.ROOT));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    /** 0 all 2xxx; 3 the peer went away; 4 a timeout; 1 a non-2xxx answer (issue 6 exit codes). */
    public int exitCode() {
        synchronized (out) {
            if (byCause.containsKey(Outcome.Cause.NOT_READY)
                    || byCause.containsKey(Outcome.Cause.DISCONNECTED)) {
                return Main.CONNECT;
            }
            if (byCause.containsKey(Outcome.Cause.TIMEOUT)) {
                return Main.TIMEOUT;
            }
            if (nonSuccess > 0 || failures > 0) {
                return Main.FAILED;
            }
            return Main.OK;
        }
    }

    public long requests() {
        synchronized (out) {
            return requests;
        }
    }

    public void summary(long elapsedNanos) {
        synchronized (out) {
            double secs = elapsedNanos / 1e9;
            if (json) {
                StringWriter sw = new StringWriter();
                try (JsonGenerator g = JSON.createGenerator(sw)) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("summary");
                    g.writeNumberField("requests", requests);
                    g.writeNumberField("answers", answers);
                    g.writeNumberField("success", answers - nonSuccess);
                    g.writeNumberField("timeouts", byCause.getOrDefault(Outcome.Cause.TIMEOUT, 0L));
                    g.writeNumberField("failures", failures);
                    g.writeObjectFieldStart("byResultCode");
                    for (Map.Entry<String, Long> e : byResult.entrySet()) {
                        g.writeNumberField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                    g.writeObjectFieldStart("byCause");
                    for (Map.Entry<Outcome.Cause, Long> e : byCause.entrySet()) {
                        g.writeNumberField(
                                e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
                    }
                    g.writeEndObject();
                    g.writeObjectFieldStart("latencyMs");
                    for (double p : new double[] {50, 90, 99}) {
                        g.writeNumberField("p" + (int) p, ms(latency.getValueAtPercentile(p)));
                    }
                    g.writeNumberField("max", ms(latency.getMaxValue()));
                    g.writeEndObject();
                    g.writeNumberField("durationMs", Math.round(secs * 1000));
                    g.writeNumberField("exitCode", exitCode());
                    g.writeEndObject();
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.println(sw);
            } else {
                StringBuilder sb = new StringBuilder();
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "Summary: %d requests, %d answers in %.2f s",
                                requests,
                                answers,
                                secs));
                for (Map.Entry<String, Long> e : byResult.entrySet()) {
                    String name =
                            e.getKey().equals("none")
                                    ? null
                                    : dict.resultCodeName(Long.parseLong(e.getKey()));
                    sb.append("\n  ")
                            .append(e.getKey())
                            .append(name != null ? " " + name : "")
                            .append(": ")
                            .append(e.getValue());
                }
                for (Map.Entry<Outcome.Cause, Long> e : byCause.entrySet()) {
                    sb.append("\n  ")
                            .append(e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                            .append(": ")
                            .append(e.getValue());
                }
                if (answers > 0) {
                    sb.append(
                            String.format(
                                    Locale.ROOT,
                                    "\n  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f",
                                    ms(latency.getValueAtPercentile(50)),
                                    ms(latency.getValueAtPercentile(90)),
                                    ms(latency.getValueAtPercentile(99)),
                                    ms(latency.getMaxValue())));
                }
                out.println(sb);
            }
            out.flush();
        }
    }

    static double ms(long micros) {
        return Math.round(micros) / 1000.0;
    }
}
