package org.diameter4j.simulator.cdf;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;

/**
 * Writes AVPs as a JSON object, name → value, as the CDF stores them (the record shape, as
 * freeDiameter's app_acct keeps a row per record; d4j's message shape, for decode and client, is
 * {@code org.diameter4j.cli.json.MessageJson}):
 *
 * <ul>
 *   <li>integers as numbers (Unsigned64 unsigned); Enumerated as the value name when the dictionary
 *       has one ("START_RECORD"), else the number;
 *   <li>text as strings; OctetString as text when printable ASCII, else {@code "hex:0a0b…"} (the
 *       form {@link org.diameter4j.dictionary.AvpValues} accepts back); Address as its text; Time
 *       as ISO-8601;
 *   <li>Grouped as a nested object; an AVP that occurs more than once as an array;
 *   <li>AVPs the dictionary does not know as {@code "AVP-<code>"} or {@code "AVP-<code>-<vendor>"}
 *       with {@code "hex:…"} data; a value that does not decode per its type as {@code "hex:…"}.
 * </ul>
 */
public final class AvpJson {
    private final Dictionary dictionary;

    public AvpJson(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Writes the AVPs as one JSON object. */
    public void write(JsonGenerator g, Iterable<Avp> avps) throws IOException {
        Map<String, List<Avp>> byName = new LinkedHashMap<>();
        for (Avp a : avps) {
            byName.computeIfAbsent(name(a), k -> new ArrayList<>()).add(a);
        }
        g.writeStartObject();
        for (Map.Entry<String, List<Avp>> e : byName.entrySet()) {
            g.writeFieldName(e.getKey());
            List<Avp> list = e.getValue();
            if (list.size() == 1) {
                value(g, list.get(0));
            } else {
                g.writeStartArray();
                for (Avp a : list) {
                    value(g, a);
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    /** The AVP's dictionary name, or AVP-code[-vendor]. */
    public String name(Avp a) {
        AvpDefinition d = dictionary.avp(a.code(), a.vendorId());
        if (d != null) {
            return d.name();
        }
        return "AVP-"
                + Integer.toUnsignedString(a.code())
                + (a.vendorId() != 0 ? "-" + Integer.toUnsignedString(a.vendorId()) : "");
    }

    private void value(JsonGenerator g, Avp a) throws IOException {
        AvpDefinition d = dictionary.avp(a.code(), a.vendorId());
        if (d == null) {
            g.writeString("hex:" + HexFormat.of().formatHex(a.valueBytes()));
            return;
        }
        Object v;
        try {
            v = typed(d, a);
        } catch (RuntimeException e) {
            v = null; // does not decode per its type
        }
        if (v == null) {
            g.writeString("hex:" + HexFormat.of().formatHex(a.valueBytes()));
        } else if (v instanceof AvpList children) {
            write(g, children);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Integer n) {
            g.writeNumber(n);
        } else if (v instanceof Double n) {
            g.writeNumber(n);
        } else if (v instanceof UnsignedText u) {
            g.writeNumber(u.text());
        } else {
            g.writeString((String) v);
        }
    }

    /** An Unsigned64 above Long.MAX_VALUE, written as a number from its decimal text. */
    private record UnsignedText(String text) {}

    /**
     * The value to write: a number, a string, or the children of a Grouped AVP — decoded fully
     * first, so that a value that does not decode is written as hex and nothing half-written.
     */
    private static Object typed(AvpDefinition d, Avp a) {
        DataType t = d.type();
        return switch (t) {
            case INTEGER32 -> a.asInt32();
            case UNSIGNED32 -> a.asUnsigned32();
            case INTEGER64 -> a.asInt64();
            case UNSIGNED64 -> new UnsignedText(Long.toUnsignedString(a.asUnsigned64()));
            case ENUMERATED -> {
                int v = a.asInt32();
                String n = d.valueName(v);
                yield n != null ? n : (Object) v;
            }
            case FLOAT32, FLOAT64 -> {
                double v = t == DataType.FLOAT32 ? a.asFloat32() : a.asFloat64();
                yield Double.isFinite(v) ? (Object) v : Double.toString(v);
            }
            case UTF8_STRING, DIAMETER_IDENTITY, DIAMETER_URI, IP_FILTER_RULE, QOS_FILTER_RULE ->
                    a.asUtf8();
            case OCTET_STRING -> octets(a.valueBytes());
            case ADDRESS -> {
                DiameterAddress ad = a.asAddress();
                boolean ip =
                        ad.family() == DiameterAddress.FAMILY_IPV4
                                || ad.family() == DiameterAddress.FAMILY_IPV6;
                yield ip ? ad.inetAddress().getHostAddress() : ad.toString();
            }
            case TIME -> a.asTime().toString();
            case GROUPED -> {
                AvpList children = a.children();
                children.size(); // parses the children now: a broken Grouped is written as hex
                yield children;
            }
        };
    }

    static String octets(byte[] b) {
        boolean printable = true;
        for (byte x : b) {
            if (x < 0x20 || x > 0x7e) {
                printable = false;
                break;
            }
        }
        // "hex:" would be read back as hex, so text that starts with it is written as hex too.
        String text = new String(b, StandardCharsets.US_ASCII);
        if (printable && !text.startsWith("hex:")) {
            return text;
        }
        return "hex:" + HexFormat.of().formatHex(b);
    }
}
