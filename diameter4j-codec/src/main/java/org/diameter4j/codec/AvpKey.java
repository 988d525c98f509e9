package org.diameter4j.codec;

import java.time.Instant;
import java.util.Objects;
import java.util.function.IntFunction;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.codec.type.FilterRule;

/**
 * A typed AVP: its code, Vendor-Id, flags, data format and the Java type of its value, so that
 * {@code msg.add(CC_REQUEST_NUMBER, 0L)} and {@code Long rc = msg.get(RESULT_CODE)} are checked by
 * the compiler. The keys of the standard dictionaries are generated at build time into {@code
 * org.diameter4j.avps.Avps}; a key can also be declared by hand with the factories below.
 *
 * <p>Java types by data format (RFC 6733 §4.2, §4.3.1): Integer32 → {@link Integer}, Integer64,
 * Unsigned32 and Unsigned64 → {@link Long} (Unsigned64 as the unsigned bits), Float32 → {@link
 * Float}, Float64 → {@link Double}, OctetString → {@code byte[]}, UTF8String, DiameterIdentity,
 * DiameterURI, IPFilterRule and QoSFilterRule → {@link String}, Address → {@link DiameterAddress},
 * Time → {@link Instant}, Enumerated → the generated {@link DiameterEnum}, Grouped → {@link
 * AvpList} (see {@link GroupedAvpKey}).
 *
 * @param <T> the Java type of the value
 */
public class AvpKey<T> {
    private final String name;
    private final int code;
    private final int vendorId;
    private final int flags;
    private final DataType type;
    private final Encoder<T> encoder;
    private final Decoder<T> decoder;

    /** Builds an AVP of this key from a value. */
    @FunctionalInterface
    interface Encoder<T> {
        Avp encode(int code, int vendorId, int flags, T value);
    }

    /** Reads the value of an AVP of this key. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(AvpKey<T> key, Avp avp);
    }

    AvpKey(
            String name,
            int code,
            int vendorId,
            int flags,
            DataType type,
            Encoder<T> encoder,
            Decoder<T> decoder) {
        this.name = Objects.requireNonNull(name, "name");
        this.code = code;
        this.vendorId = vendorId;
        this.flags = vendorId != 0 ? flags | Avp.FLAG_VENDOR : flags & ~Avp.FLAG_VENDOR;
        this.type = Objects.requireNonNull(type, "type");
        this.encoder = encoder;
        this.decoder = decoder;
    }

    // ---- factories, one per data format ---------------------------------------------------

    public static AvpKey<Integer> integer32(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.INTEGER32,
                (c, v, f, x) -> Avp.ofInt32(c, v, f, x),
                (k, a) -> a.asInt32());
    }

    public static AvpKey<Long> integer64(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.INTEGER64,
                (c, v, f, x) -> Avp.ofInt64(c, v, f, x),
                (k, a) -> a.asInt64());
    }

    public static AvpKey<Long> unsigned32(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.UNSIGNED32,
                (c, v, f, x) -> Avp.ofUnsigned32(c, v, f, x),
                (k, a) -> a.asUnsigned32());
    }

    /** Unsigned64: the value is the unsigned bits ({@link Long#toUnsignedString} prints it). */
    public static AvpKey<Long> unsigned64(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.UNSIGNED64,
                (c, v, f, x) -> Avp.ofUnsigned64(c, v, f, x),
                (k, a) -> a.asUnsigned64());
    }

    public static AvpKey<Float> float32(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.FLOAT32,
                (c, v, f, x) -> Avp.ofFloat32(c, v, f, x),
                (k, a) -> a.asFloat32());
    }

    public static AvpKey<Double> float64(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.FLOAT64,
                (c, v, f, x) -> Avp.ofFloat64(c, v, f, x),
                (k, a) -> a.asFloat64());
    }

    public static AvpKey<byte[]> octetString(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.OCTET_STRING,
                (c, v, f, x) -> Avp.ofBytes(c, v, f, x),
                (k, a) -> a.valueBytes());
    }

    /**
     * A text AVP: {@code type} is one of UTF8String, DiameterIdentity, DiameterURI (checked against
     * the RFC 6733 §4.3.1 aaa:// grammar when built), IPFilterRule or QoSFilterRule (checked
     * against RFC 6733 §4.3.1 / RFC 3588 §4.3 when built).
     */
    public static AvpKey<String> text(
            String name, int code, int vendorId, int flags, DataType type) {
        if (!type.isText()) {
            throw new IllegalArgumentException(type.rfcName() + " is not a text format");
        }
        Encoder<String> enc =
                switch (type) {
                    case DIAMETER_URI ->
                            (c, v, f, x) -> Avp.ofUtf8(c, v, f, DiameterUri.parse(x).toString());
                    case IP_FILTER_RULE ->
                            (c, v, f, x) ->
                                    Avp.ofUtf8(
                                            c,
                                            v,
                                            f,
                                            FilterRule.parse(FilterRule.Kind.IP_FILTER, x).text());
                    case QOS_FILTER_RULE ->
                            (c, v, f, x) ->
                                    Avp.ofUtf8(
                                            c,
                                            v,
                                            f,
                                            FilterRule.parse(FilterRule.Kind.QOS_FILTER, x).text());
                    default -> (c, v, f, x) -> Avp.ofUtf8(c, v, f, x);
                };
        return new AvpKey<>(name, code, vendorId, flags, type, enc, (k, a) -> a.asUtf8());
    }

    public static AvpKey<DiameterAddress> address(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.ADDRESS,
                (c, v, f, x) -> Avp.ofAddress(c, v, f, x),
                (k, a) -> a.asAddress());
    }

    public static AvpKey<Instant> time(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.TIME,
                (c, v, f, x) -> Avp.ofTime(c, v, f, x),
                (k, a) -> a.asTime());
    }

    /**
     * An Enumerated AVP whose values are the constants of {@code E}; {@code byCode} maps a wire
     * value to its constant, or null when the value has no name.
     */
    public static <E extends Enum<E> & DiameterEnum> AvpKey<E> enumerated(
            String name, int code, int vendorId, int flags, IntFunction<E> byCode) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.ENUMERATED,
                (c, v, f, x) -> Avp.ofInt32(c, v, f, x.code()),
                (k, a) -> {
                    int raw = a.asInt32();
                    E e = byCode.apply(raw);
                    if (e == null) {
                        throw new AvpValueException(
                                a,
                                k.name
                                        + " ("
                                        + k.code
                                        + ") has the value "
                                        + raw
                                        + ", which its dictionary does not name;"
                                        + " read it with find(key).asInt32()",
                                ResultCodes.DIAMETER_INVALID_AVP_VALUE);
                    }
                    return e;
                });
    }

    /** An Enumerated AVP whose dictionary names no values: the value is the Integer32 itself. */
    public static AvpKey<Integer> enumeratedCode(String name, int code, int vendorId, int flags) {
        return new AvpKey<>(
                name,
                code,
                vendorId,
                flags,
                DataType.ENUMERATED,
                (c, v, f, x) -> Avp.ofInt32(c, v, f, x),
                (k, a) -> a.asInt32());
    }

    public static GroupedAvpKey grouped(String name, int code, int vendorId, int flags) {
        return new GroupedAvpKey(name, code, vendorId, flags);
    }

    // ---- use ------------------------------------------------------------------------------

    /** The AVP of this key carrying {@code value}. */
    public Avp of(T value) {
        Objects.requireNonNull(value, name);
        try {
            return encoder.encode(code, vendorId, flags, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    name + " (" + type.rfcName() + "): " + e.getMessage(), e);
        }
    }

    /** The value of {@code avp}, which must be an AVP of this key. */
    public T valueOf(Avp avp) {
        if (!matches(avp)) {
            throw new IllegalArgumentException(
                    "AVP " + avp.code() + "/" + avp.vendorId() + " is not " + this);
        }
        return decoder.decode(this, avp);
    }

    /** True when {@code avp} has this key's code and Vendor-Id. */
    public boolean matches(Avp avp) {
        return avp.code() == code && avp.vendorId() == vendorId;
    }

    /** The dictionary name, e.g. "CC-Request-Type". */
    public String name() {
        return name;
    }

    public int code() {
        return code;
    }

    public int vendorId() {
        return vendorId;
    }

    /** The flags an AVP built from this key carries: V when vendor-specific, M when it MUST. */
    public int flags() {
        return flags;
    }

    public DataType type() {
        return type;
    }

    @Override
    public String toString() {
        return name
                + " ("
                + code
                + (vendorId != 0 ? ", vendor " + vendorId : "")
                + ", "
                + type.rfcName()
                + ")";
    }
}
