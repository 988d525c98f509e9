package org.diameter4j.cli.probe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import org.diameter4j.codec.type.DiameterUri;

/** How {@code d4j probe} prints a probe: one line per step then the verdict, or one JSON object. */
public final class ProbeReport {
    private ProbeReport() {}

    /** " [ok] TCP 1.2 ms 127.0.0.1:50000 -> 127.0.0.1:3868". */
    public static String stepLine(ProbeStep s) {
        return String.format(
                Locale.ROOT,
                "  %-6s %-8s %8.1f ms   %s",
                s.ok() ? "[ok]" : "[FAIL]",
                s.name(),
                s.millis(),
                s.detail());
    }

    /** "Verdict: OK - …", or "Verdict: FAILED - …" and a "Fix: …" line. */
    public static String verdictText(ProbeVerdict v) {
        return v.passed()
                ? "Verdict: OK - " + v.explanation()
                : "Verdict: FAILED - "
                        + v.explanation()
                        + System.lineSeparator()
                        + "Fix: "
                        + v.fix();
    }

    /** {"peer", "steps": [{name, ok, ms, detail}], "verdict": {passed, cause, …, exitCode}}. */
    public static String json(DiameterUri uri, ProbeVerdict v) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("peer", uri.toString());
            g.writeArrayFieldStart("steps");
            for (ProbeStep s : v.steps()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeBooleanField("ok", s.ok());
                g.writeNumberField("ms", Math.round(s.millis() * 10) / 10.0);
                g.writeStringField("detail", s.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("verdict");
            g.writeBooleanField("passed", v.passed());
            g.writeStringField("cause", v.cause());
            g.writeStringField("explanation", v.explanation());
            g.writeStringField("fix", v.fix());
            g.writeNumberField("exitCode", v.exitCode());
            g.writeEndObject();
            g.writeEndObject();
        }
        return sw.toString();
    }
}
