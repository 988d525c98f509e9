package org.diameter4j.cli;

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

/** Writes messages, AVPs and failures as JSON objects with stable field names. */
final class MessageJson {
    private static final int MAX_DEPTH = 32;
    private final Dictionary dict;

    MessageJson(Dictionary dict) {
        this.dict = dict;
    }

    /** The header fields and {@code "avps"}; the caller opened the object. */
    void writeMessageFields(JsonGenerator g, DiameterMessage m) throws IOException {
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

    void writeAvps(JsonGenerator g, AvpList avps, int depth) throws IOException {
        g.writeStartArray();
        for (Avp a : avps) {
            writeAvp(g, a, depth);
        }
        g.writeEndArray();
    }

    void writeAvp(JsonGenerator g, Avp a, int depth) throws IOException {
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

    void writeFailure(JsonGenerator g, DecodeFailure f) throws IOException {
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
