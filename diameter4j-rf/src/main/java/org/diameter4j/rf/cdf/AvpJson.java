package org.diameter4j.rf.cdf;

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
 * Writes AVPs as a JSON object, name → value, as the CDF stores them:
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

    /** Appends the AVPs as one JSON object. */
    public void write(StringBuilder out, Iterable<Avp> avps) {
        Map<String, List<Avp>> byName = new LinkedHashMap<>();
        for (Avp a : avps) {
            byName.computeIfAbsent(name(a), k -> new ArrayList<>()).add(a);
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, List<Avp>> e : byName.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Json.quote(out, e.getKey());
            out.append(':');
            List<Avp> list = e.getValue();
            if (list.size() == 1) {
                value(out, list.get(0));
            } else {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(out, list.get(i));
                }
                out.append(']');
            }
        }
        out.append('}');
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

    private void value(StringBuilder out, Avp a) {
        AvpDefinition d = dictionary.avp(a.code(), a.vendorId());
        if (d == null) {
            Json.quote(out, "hex:" + HexFormat.of().formatHex(a.valueBytes()));
            return;
        }
        int mark = out.length();
        try {
            typed(out, d, a);
        } catch (RuntimeException e) {
            out.setLength(mark);
            Json.quote(out, "hex:" + HexFormat.of().formatHex(a.valueBytes()));
        }
    }

    private void typed(StringBuilder out, AvpDefinition d, Avp a) {
        DataType t = d.type();
        switch (t) {
            case INTEGER32 -> out.append(a.asInt32());
            case UNSIGNED32 -> out.append(a.asUnsigned32());
            case INTEGER64 -> out.append(a.asInt64());
            case UNSIGNED64 -> out.append(Long.toUnsignedString(a.asUnsigned64()));
            case ENUMERATED -> {
                int v = a.asInt32();
                String n = d.valueName(v);
                if (n != null) {
                    Json.quote(out, n);
                } else {
                    out.append(v);
                }
            }
            case FLOAT32, FLOAT64 -> {
                double v = t == DataType.FLOAT32 ? a.asFloat32() : a.asFloat64();
                if (Double.isFinite(v)) {
                    out.append(v);
                } else {
                    Json.quote(out, Double.toString(v));
                }
            }
            case UTF8_STRING, DIAMETER_IDENTITY, DIAMETER_URI, IP_FILTER_RULE, QOS_FILTER_RULE ->
                    Json.quote(out, a.asUtf8());
            case OCTET_STRING -> Json.quote(out, octets(a.valueBytes()));
            case ADDRESS -> {
                DiameterAddress ad = a.asAddress();
                boolean ip =
                        ad.family() == DiameterAddress.FAMILY_IPV4
                                || ad.family() == DiameterAddress.FAMILY_IPV6;
                Json.quote(out, ip ? ad.inetAddress().getHostAddress() : ad.toString());
            }
            case TIME -> Json.quote(out, a.asTime().toString());
            case GROUPED -> {
                AvpList children = a.children();
                write(out, children);
            }
        }
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
