package org.diameter4j.cli.send;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DataType;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.AvpValues;
import org.diameter4j.dictionary.Dictionary;

/** AVPs as JSON: name, code, vendor, value (and valueName), children for Grouped. */
final class JsonAvps {
    private final Dictionary dict;

    JsonAvps(Dictionary dict) {
        this.dict = dict;
    }

    void writeAvps(JsonGenerator g, AvpList avps) throws IOException {
        writeAvps(g, avps, 1);
    }

    private void writeAvps(JsonGenerator g, AvpList avps, int depth) throws IOException {
        g.writeStartArray();
        for (Avp a : avps) {
            AvpDefinition d = dict.avp(a.code(), a.vendorId());
            DataType type = d != null ? d.type() : null;
            g.writeStartObject();
            g.writeStringField("name", d != null ? d.name() : null);
            g.writeNumberField("code", a.code() & 0xffffffffL);
            if (a.isVendorSpecific()) {
                g.writeNumberField("vendorId", a.vendorId() & 0xffffffffL);
            }
            if (type == DataType.GROUPED && depth < 16) {
                g.writeFieldName("avps");
                writeAvps(g, a.children(), depth + 1);
            } else {
                g.writeStringField(
                        "value", AvpValues.format(type != null ? type : DataType.OCTET_STRING, a));
                if (type != null && type.isInteger() && a.valueLength() == 4) {
                    String n =
                            dict.valueName(
                                    a,
                                    type == DataType.UNSIGNED32 ? a.asUnsigned32() : a.asInt32());
                    if (n != null) {
                        g.writeStringField("valueName", n);
                    }
                }
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
