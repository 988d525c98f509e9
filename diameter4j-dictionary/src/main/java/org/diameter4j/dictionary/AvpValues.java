package org.diameter4j.dictionary;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.codec.type.DiameterTime;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.codec.type.FilterRule;

/**
 * Converts between Java values and AVP data per the AVP's data format — what building and reading
 * by name rests on, and what templates (YAML/JSON) are turned into.
 *
 * <table>
 *   <caption>Accepted Java values</caption>
 *   <tr><th>format</th><th>values</th></tr>
 *   <tr><td>Integer32/64, Unsigned32/64, Enumerated</td><td>Number; a numeric String; a value name ("EVENT_REQUEST")</td></tr>
 *   <tr><td>Float32/64</td><td>Number; numeric String</td></tr>
 *   <tr><td>OctetString</td><td>byte[]; String as UTF-8; "hex:0a0b…"</td></tr>
 *   <tr><td>UTF8String, DiameterIdentity, DiameterURI, IPFilterRule, QoSFilterRule</td><td>String (URI and rules are checked)</td></tr>
 *   <tr><td>Address</td><td>InetAddress; DiameterAddress; an IP literal String</td></tr>
 *   <tr><td>Time</td><td>Instant; ISO-8601 String; Number of Unix seconds</td></tr>
 *   <tr><td>Grouped</td><td>Map of child name to value (a List for repeats); List or array of Avp</td></tr>
 * </table>
 */
public final class AvpValues {
    private AvpValues() {}

    /**
     * Builds an AVP of {@code def} from {@code value}; throws naming the AVP and what it expects.
     */
    public static Avp toAvp(Dictionary dict, AvpDefinition def, Object value) {
        int code = def.code();
        int vendor = def.vendorId();
        int flags = def.defaultFlags();
        if (value instanceof Avp a) {
            return a;
        }
        try {
            return switch (def.type()) {
                case INTEGER32 ->
                        Avp.ofInt32(
                                code,
                                vendor,
                                flags,
                                (int) integer(def, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case UNSIGNED32, ENUMERATED ->
                        def.type() == DataType.ENUMERATED
                                ? Avp.ofInt32(
                                        code,
                                        vendor,
                                        flags,
                                        (int) integer(def, value, Integer.MIN_VALUE, 0xffffffffL))
                                : Avp.ofUnsigned32(
                                        code, vendor, flags, integer(def, value, 0, 0xffffffffL));
                case INTEGER64 ->
                        Avp.ofInt64(
                                code,
                                vendor,
                                flags,
                                integer(def, value, Long.MIN_VALUE, Long.MAX_VALUE));
                case UNSIGNED64 -> Avp.ofUnsigned64(code, vendor, flags, unsigned64(def, value));
                case FLOAT32 -> Avp.ofFloat32(code, vendor, flags, (float) floating(value));
                case FLOAT64 -> Avp.ofFloat64(code, vendor, flags, floating(value));
                case OCTET_STRING -> Avp.ofBytes(code, vendor, flags, octets(value));
                case UTF8_STRING, DIAMETER_IDENTITY -> Avp.ofUtf8(code, vendor, flags, text(value));
                case DIAMETER_URI ->
                        Avp.ofUtf8(code, vendor, flags, DiameterUri.parse(text(value)).toString());
                case IP_FILTER_RULE ->
                        Avp.ofUtf8(
                                code,
                                vendor,
                                flags,
                                FilterRule.parse(FilterRule.Kind.IP_FILTER, text(value)).text());
                case QOS_FILTER_RULE ->
                        Avp.ofUtf8(
                                code,
                                vendor,
                                flags,
                                FilterRule.parse(FilterRule.Kind.QOS_FILTER, text(value)).text());
                case ADDRESS -> Avp.ofAddress(code, vendor, flags, address(value));
                case TIME -> Avp.ofTime(code, vendor, flags, time(value));
                case GROUPED -> Avp.grouped(code, vendor, flags, children(dict, def, value));
            };
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(
                    def.name() + " (" + def.type().rfcName() + "): " + e.getMessage(), e);
        }
    }

    private static long integer(AvpDefinition def, Object v, long min, long max) {
        long n;
        if (v instanceof Number num) {
            n = num.longValue();
        } else if (v instanceof String s) {
            Long named = def.valueOf(s.trim());
            if (named != null) {
                n = named;
            } else {
                try {
                    n = Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "'"
                                    + s
                                    + "' is neither a number nor a value name"
                                    + (def.valueNames().isEmpty()
                                            ? ""
                                            : " (names: "
                                                    + String.join(", ", def.valueNames().values())
                                                    + ")"));
                }
            }
        } else {
            throw new IllegalArgumentException(
                    "expected a number or a value name, got " + describe(v));
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(n + " is outside " + min + ".." + max);
        }
        return n;
    }

    private static long unsigned64(AvpDefinition def, Object v) {
        if (v instanceof String s && !s.isBlank() && Character.isDigit(s.trim().charAt(0))) {
            return Long.parseUnsignedLong(s.trim());
        }
        return integer(def, v, 0, Long.MAX_VALUE);
    }

    private static double floating(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            return Double.parseDouble(s.trim());
        }
        throw new IllegalArgumentException("expected a number, got " + describe(v));
    }

    private static byte[] octets(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            if (s.startsWith("hex:")) {
                return HexFormat.of().parseHex(s.substring(4).replace(" ", ""));
            }
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof Number n) {
            return n.toString().getBytes(StandardCharsets.US_ASCII);
        }
        throw new IllegalArgumentException("expected bytes or text, got " + describe(v));
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof DiameterUri) {
            return v.toString();
        }
        throw new IllegalArgumentException("expected text, got " + describe(v));
    }

    private static DiameterAddress address(Object v) {
        if (v instanceof DiameterAddress a) {
            return a;
        }
        if (v instanceof InetAddress ip) {
            return DiameterAddress.of(ip);
        }
        if (v instanceof String s) {
            return DiameterAddress.parse(s.trim());
        }
        throw new IllegalArgumentException("expected an IP address, got " + describe(v));
    }

    private static Instant time(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (v instanceof String s) {
            return Instant.parse(s.trim());
        }
        throw new IllegalArgumentException(
                "expected an ISO-8601 time or Unix seconds, got " + describe(v));
    }

    private static List<Avp> children(Dictionary dict, AvpDefinition def, Object v) {
        List<Avp> out = new ArrayList<>();
        if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                AvpDefinition child = dict.avp(String.valueOf(e.getKey()));
                if (e.getValue() instanceof Collection<?> many
                        && child.type() != DataType.GROUPED) {
                    for (Object o : many) {
                        out.add(toAvp(dict, child, o));
                    }
                } else if (e.getValue() instanceof Collection<?> many
                        && !many.isEmpty()
                        && many.iterator().next() instanceof Map) {
                    for (Object o : many) {
                        out.add(toAvp(dict, child, o));
                    }
                } else {
                    out.add(toAvp(dict, child, e.getValue()));
                }
            }
            return out;
        }
        if (v instanceof Avp[] arr) {
            return List.of(arr);
        }
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (!(o instanceof Avp a)) {
                    throw new IllegalArgumentException(
                            "expected AVPs in the list, got " + describe(o));
                }
                out.add(a);
            }
            return out;
        }
        throw new IllegalArgumentException("expected a map of child AVPs, got " + describe(v));
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : v.getClass().getSimpleName() + " '" + v + "'";
    }

    /**
     * The value of {@code avp} read as {@code type}: Integer/Long for integers (Unsigned64 as an
     * unsigned Long), Float/Double, String for text, byte[] for OctetString, DiameterAddress,
     * Instant, or the child list for Grouped.
     */
    public static Object toValue(DataType type, Avp avp) {
        return switch (type) {
            case INTEGER32 -> avp.asInt32();
            case UNSIGNED32, ENUMERATED -> avp.asUnsigned32();
            case INTEGER64, UNSIGNED64 -> avp.asInt64();
            case FLOAT32 -> avp.asFloat32();
            case FLOAT64 -> avp.asFloat64();
            case OCTET_STRING -> avp.valueBytes();
            case UTF8_STRING, DIAMETER_IDENTITY, DIAMETER_URI, IP_FILTER_RULE, QOS_FILTER_RULE ->
                    avp.asUtf8();
            case ADDRESS -> avp.asAddress();
            case TIME -> avp.asTime();
            case GROUPED -> avp.children().toList();
        };
    }

    /**
     * The number an integer-typed AVP carries: signed for Integer32 and Enumerated, unsigned for
     * Unsigned32, the raw 64 bits for the 64-bit types; null when the type is not an integer or the
     * data does not have its length. Value names are looked up with it.
     */
    public static Long integerValue(DataType type, Avp a) {
        if (type == null || !type.isInteger() || a.valueLength() != type.fixedLength()) {
            return null;
        }
        if (type.fixedLength() == 8) {
            return a.asInt64();
        }
        return type == DataType.INTEGER32 || type == DataType.ENUMERATED
                ? (long) a.asInt32()
                : a.asUnsigned32();
    }

    /**
     * The value as a line of text for dumps; never throws (a bad value prints as hex with a note).
     */
    public static String format(DataType type, Avp avp) {
        try {
            return switch (type) {
                case INTEGER32 -> Integer.toString(avp.asInt32());
                case ENUMERATED -> Integer.toString(avp.asInt32());
                case UNSIGNED32 -> Long.toString(avp.asUnsigned32());
                case INTEGER64 -> Long.toString(avp.asInt64());
                case UNSIGNED64 -> Long.toUnsignedString(avp.asUnsigned64());
                case FLOAT32 -> Float.toString(avp.asFloat32());
                case FLOAT64 -> Double.toString(avp.asFloat64());
                case UTF8_STRING,
                        DIAMETER_IDENTITY,
                        DIAMETER_URI,
                        IP_FILTER_RULE,
                        QOS_FILTER_RULE ->
                        avp.asUtf8();
                case ADDRESS -> avp.asAddress().toString();
                case TIME ->
                        avp.asTime()
                                + " ("
                                + Integer.toUnsignedString(DiameterTime.fromInstant(avp.asTime()))
                                + ")";
                case OCTET_STRING -> octetText(avp.valueBytes());
                case GROUPED -> "";
            };
        } catch (RuntimeException e) {
            return HexFormat.of().formatHex(avp.valueBytes())
                    + " (not a valid "
                    + type.rfcName()
                    + ")";
        }
    }

    /** Printable ASCII as text, anything else as hex. */
    static String octetText(byte[] b) {
        boolean printable = b.length > 0;
        for (byte x : b) {
            if (x < 0x20 || x > 0x7e) {
                printable = false;
                break;
            }
        }
        return printable
                ? new String(b, StandardCharsets.US_ASCII)
                : "0x" + HexFormat.of().formatHex(b);
    }
}
