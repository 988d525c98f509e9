package org.diameter4j.cli.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Application;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.AvpValues;
import org.diameter4j.dictionary.Dictionary;

/**
 * The one JSON shape of messages, AVPs and decode failures in d4j: {@code decode --json}, {@code
 * client --json} and the scripts that read them see the same fields for the same AVP — name, code,
 * vendorId (vendor AVPs), flags, length, type, then either {@code avps} (Grouped) or {@code value}
 * (a number for the integer formats, Unsigned64 unsigned; text otherwise) and {@code valueName}
 * when the dictionary names the value.
 */
public final class MessageJson {
    private static final int MAX_DEPTH = 32;
    private final Dictionary dict;

    public MessageJson(Dictionary dict) {
        this.dict = dict;
    }

    /** The header fields and {@code "avps"}; the caller opened the object. */
    public void writeMessageFields(JsonGenerator g, DiameterMessage m) throws IOException {
        g.writeStringField(
                "command", dict.commandName(m.applicationId(), m.commandCode(), m.isRequest()));
        g.writeNumberField("commandCode", m.commandCode());
        g.writeBooleanField("request", m.isRequest());
        g.writeStringField("flags", DiameterMessage.commandFlagString(m.flags()));
        g.writeNumberField("version", m.version());
        // The Message Length the peer sent (a partial message holds fewer AVPs than it announced).
        g.writeNumberField("length", m.wireLength() >= 0 ? m.wireLength() : m.length());
        g.writeNumberField("applicationId", m.applicationId());
        Application app = dict.application(m.applicationId());
        if (app != null) {
            g.writeStringField("application", app.displayName());
        }
        g.writeNumberField("hopByHop", m.hopByHop() & 0xffffffffL);
        g.writeNumberField("endToEnd", m.endToEnd() & 0xffffffffL);
        g.writeFieldName("avps");
        writeAvps(g, m.avps(), 1);
    }

    /** The AVPs as a JSON array. */
    public void writeAvps(JsonGenerator g, AvpList avps) throws IOException {
        writeAvps(g, avps, 1);
    }

    private void writeAvps(JsonGenerator g, AvpList avps, int depth) throws IOException {
        g.writeStartArray();
        for (Avp a : avps) {
            writeAvp(g, a, depth);
        }
        g.writeEndArray();
    }

    private void writeAvp(JsonGenerator g, Avp a, int depth) throws IOException {
        AvpDefinition d = dict.avp(a.code(), a.vendorId());
        DataType type = d != null ? d.type() : null;
        g.writeStartObject();
        g.writeStringField("name", d != null ? d.name() : null);
        g.writeNumberField("code", a.code() & 0xffffffffL);
        if (a.isVendorSpecific()) {
            g.writeNumberField("vendorId", a.vendorId() & 0xffffffffL);
        }
        g.writeStringField("flags", Avp.flagString(a.flags()));
        g.writeNumberField("length", a.avpLength());
        g.writeStringField("type", type != null ? type.rfcName() : "unknown");
        if (type == DataType.GROUPED && depth < MAX_DEPTH) {
            try {
                AvpList children = a.children();
                g.writeFieldName("avps");
                writeAvps(g, children, depth + 1);
            } catch (RuntimeException e) {
                g.writeStringField("error", "malformed Grouped data: " + e.getMessage());
            }
        } else if (AvpValues.integerValue(type, a) != null) {
            long v = AvpValues.integerValue(type, a);
            if (type == DataType.UNSIGNED64) {
                g.writeFieldName("value");
                g.writeNumber(Long.toUnsignedString(v));
            } else {
                g.writeNumberField("value", v);
            }
            String name = dict.valueName(a, v);
            if (name != null) {
                g.writeStringField("valueName", name);
            }
        } else {
            g.writeStringField(
                    "value", AvpValues.format(type != null ? type : DataType.OCTET_STRING, a));
        }
        g.writeEndObject();
    }

    public void writeFailure(JsonGenerator g, DecodeFailure f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("resultCode", f.resultCode());
        g.writeStringField("resultName", dict.resultCodeName(f.resultCode()));
        g.writeStringField("reason", f.reason());
        if (f.offset() >= 0) {
            g.writeNumberField("offset", f.offset());
        }
        g.writeBooleanField("fatal", f.fatal());
        if (f.failedAvp() != null) {
            g.writeFieldName("failedAvp");
            writeAvp(g, f.failedAvp(), 1);
        }
        g.writeEndObject();
    }
}
