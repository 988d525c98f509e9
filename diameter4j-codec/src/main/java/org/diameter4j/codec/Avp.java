package org.diameter4j.codec;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.codec.type.DiameterTime;
import org.diameter4j.codec.type.DiameterUri;

/**
 * One AVP (RFC 6733 §4.1): code, flags V/M/P, optional Vendor-Id and data. Immutable.
 *
 * <p>A decoded AVP is a view on the bytes of the message it came from (no copy); its typed
 * accessors read the value on demand. A Grouped AVP's children are parsed on first access. An AVP
 * built from code holds its own value, or its children when it is Grouped. Either way {@link
 * #encode} writes it back byte for byte, unknown AVPs included.
 */
public final class Avp {
    /** 'V'endor-specific: the Vendor-ID field is present (RFC 6733 §4.1). */
    public static final int FLAG_VENDOR = 0x80;

    /** 'M'andatory: the receiver must understand the AVP or reject the message (§4.1). */
    public static final int FLAG_MANDATORY = 0x40;

    /** 'P'rotected, kept for backward compatibility with RFC 3588 (§4.1). */
    public static final int FLAG_PROTECTED = 0x20;

    static final int HEADER = 8;
    static final int VENDOR_HEADER = 12;
    private static final byte[] EMPTY = new byte[0];

    private final int code;
    private final int flags;
    private final int vendorId;
    private final byte[] data;
    private final int offset;
    private final int length;
    private AvpList children;

    Avp(int code, int flags, int vendorId, byte[] data, int offset, int length) {
        this.code = code;
        this.flags = flags & 0xff;
        this.vendorId = vendorId;
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    private Avp(int code, int flags, int vendorId, AvpList children) {
        this.code = code;
        this.flags = flags & 0xff;
        this.vendorId = vendorId;
        this.data = null;
        this.offset = 0;
        this.length = -1;
        this.children = children;
    }

    private static int flagsFor(int vendorId, int flags) {
        return vendorId != 0 ? flags | FLAG_VENDOR : flags & ~FLAG_VENDOR;
    }

    // ---- building ---------------------------------------------------------------------------

    /**
     * An AVP with raw data: for anything the dictionary does not know. The V flag follows {@code
     * vendorId} (set when non-zero); M and P are taken from {@code flags}.
     */
    public static Avp ofBytes(int code, int vendorId, int flags, byte[] value) {
        return new Avp(code, flagsFor(vendorId, flags), vendorId, value.clone(), 0, value.length);
    }

    /** Like {@link #ofBytes} but keeps the V flag exactly as given (for byte-exact rebuilding). */
    public static Avp ofRaw(int code, int flags, int vendorId, byte[] value) {
        return new Avp(code, flags, vendorId, value.clone(), 0, value.length);
    }

    static Avp wrap(int code, int vendorId, int flags, byte[] value) {
        return new Avp(code, flagsFor(vendorId, flags), vendorId, value, 0, value.length);
    }

    public static Avp ofInt32(int code, int vendorId, int flags, int value) {
        byte[] b = new byte[4];
        putInt(b, 0, value);
        return wrap(code, vendorId, flags, b);
    }

    /** Unsigned32 (also Enumerated when the value fits in 31 bits); {@code value} in 0..2^32-1. */
    public static Avp ofUnsigned32(int code, int vendorId, int flags, long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException(
                    "Unsigned32 value " + value + " is outside 0..4294967295");
        }
        return ofInt32(code, vendorId, flags, (int) value);
    }

    public static Avp ofInt64(int code, int vendorId, int flags, long value) {
        byte[] b = new byte[8];
        putLong(b, 0, value);
        return wrap(code, vendorId, flags, b);
    }

    /** Unsigned64: {@code value} is read as unsigned (use {@link Long#parseUnsignedLong}). */
    public static Avp ofUnsigned64(int code, int vendorId, int flags, long value) {
        return ofInt64(code, vendorId, flags, value);
    }

    public static Avp ofFloat32(int code, int vendorId, int flags, float value) {
        return ofInt32(code, vendorId, flags, Float.floatToRawIntBits(value));
    }

    public static Avp ofFloat64(int code, int vendorId, int flags, double value) {
        return ofInt64(code, vendorId, flags, Double.doubleToRawLongBits(value));
    }

    /** UTF8String, DiameterIdentity, DiameterURI and the filter rules: text as UTF-8. */
    public static Avp ofUtf8(int code, int vendorId, int flags, String value) {
        return wrap(code, vendorId, flags, value.getBytes(StandardCharsets.UTF_8));
    }

    public static Avp ofAddress(int code, int vendorId, int flags, DiameterAddress value) {
        return wrap(code, vendorId, flags, value.toBytes());
    }

    public static Avp ofAddress(int code, int vendorId, int flags, InetAddress value) {
        return ofAddress(code, vendorId, flags, DiameterAddress.of(value));
    }

    public static Avp ofTime(int code, int vendorId, int flags, Instant value) {
        return ofInt32(code, vendorId, flags, DiameterTime.fromInstant(value));
    }

    public static Avp grouped(int code, int vendorId, int flags, List<Avp> children) {
        AvpList list = new AvpList();
        for (Avp a : children) {
            list.add(a);
        }
        return new Avp(code, flagsFor(vendorId, flags), vendorId, list.freeze());
    }

    public static Avp grouped(int code, int vendorId, int flags, Avp... children) {
        return grouped(code, vendorId, flags, Arrays.asList(children));
    }

    /** A copy with other flags (V still follows the Vendor-Id). */
    public Avp withFlags(int newFlags) {
        if (data == null) {
            return new Avp(code, flagsFor(vendorId, newFlags), vendorId, children);
        }
        return new Avp(code, flagsFor(vendorId, newFlags), vendorId, data, offset, length);
    }

    // ---- header -----------------------------------------------------------------------------

    public int code() {
        return code;
    }

    public int flags() {
        return flags;
    }

    /** The Vendor-Id, 0 when the V flag is clear. */
    public int vendorId() {
        return vendorId;
    }

    public boolean isVendorSpecific() {
        return (flags & FLAG_VENDOR) != 0;
    }

    public boolean isMandatory() {
        return (flags & FLAG_MANDATORY) != 0;
    }

    public boolean isProtected() {
        return (flags & FLAG_PROTECTED) != 0;
    }

    /** Header length: 8, or 12 with the Vendor-ID field. */
    public int headerLength() {
        return isVendorSpecific() ? VENDOR_HEADER : HEADER;
    }

    /** The length of the data, without header and padding. */
    public int valueLength() {
        return data != null ? length : children.encodedLength();
    }

    /** The AVP Length field: header plus data, without padding (§4.1). */
    public int avpLength() {
        return headerLength() + valueLength();
    }

    /** Bytes this AVP takes on the wire, padding included. */
    public int encodedLength() {
        return pad4(avpLength());
    }

    static int pad4(int n) {
        return (n + 3) & ~3;
    }

    // ---- value ------------------------------------------------------------------------------

    /** True when this AVP was built from children rather than raw bytes. */
    boolean isBuiltGrouped() {
        return data == null;
    }

    /** The array holding the data (null when built Grouped); with {@link #dataOffset()}. */
    byte[] dataArray() {
        return data;
    }

    int dataOffset() {
        return offset;
    }

    /** A copy of the data bytes. */
    public byte[] valueBytes() {
        if (data == null) {
            byte[] out = new byte[valueLength()];
            children.encodeTo(out, 0);
            return out;
        }
        return length == 0 ? EMPTY : Arrays.copyOfRange(data, offset, offset + length);
    }

    /**
     * The data byte at {@code index} (0 ≤ index &lt; {@link #valueLength()}) as 0..255: reads a
     * value in place, without the copy of {@link #valueBytes()} (a Grouped AVP built from children
     * has no flat data and is encoded for it).
     */
    public int valueByteAt(int index) {
        if (index < 0 || index >= valueLength()) {
            throw new IndexOutOfBoundsException("index " + index + ", length " + valueLength());
        }
        return data == null ? valueBytes()[index] & 0xff : data[offset + index] & 0xff;
    }

    /** A read-only view of the data bytes, without a copy where possible. */
    public ByteBuffer value() {
        if (data == null) {
            return ByteBuffer.wrap(valueBytes()).asReadOnlyBuffer();
        }
        return ByteBuffer.wrap(data, offset, length).slice().asReadOnlyBuffer();
    }

    private void requireLength(int n, String type) {
        if (data == null || length != n) {
            throw new AvpValueException(
                    this,
                    type + " needs " + n + " bytes of data, AVP " + code + " has " + valueLength());
        }
    }

    public int asInt32() {
        requireLength(4, "Integer32");
        return getInt(data, offset);
    }

    /** Unsigned32, Enumerated and Time read as an unsigned 32-bit number. */
    public long asUnsigned32() {
        requireLength(4, "Unsigned32");
        return getInt(data, offset) & 0xffffffffL;
    }

    public long asInt64() {
        requireLength(8, "Integer64");
        return getLong(data, offset);
    }

    /** The raw 64 bits; print with {@link Long#toUnsignedString}. */
    public long asUnsigned64() {
        requireLength(8, "Unsigned64");
        return getLong(data, offset);
    }

    public float asFloat32() {
        requireLength(4, "Float32");
        return Float.intBitsToFloat(getInt(data, offset));
    }

    public double asFloat64() {
        requireLength(8, "Float64");
        return Double.longBitsToDouble(getLong(data, offset));
    }

    /** The data as UTF-8 text (malformed sequences become U+FFFD; the decoder rejects them). */
    public String asUtf8() {
        if (data == null) {
            throw new AvpValueException(this, "AVP " + code + " is Grouped, not text");
        }
        return new String(data, offset, length, StandardCharsets.UTF_8);
    }

    public DiameterAddress asAddress() {
        if (data == null || !DiameterAddress.checkLength(data, offset, length)) {
            throw new AvpValueException(this, "AVP " + code + " does not hold a valid Address");
        }
        return DiameterAddress.decode(data, offset, length);
    }

    public Instant asTime() {
        requireLength(4, "Time");
        return DiameterTime.toInstant(getInt(data, offset));
    }

    public DiameterUri asUri() {
        return DiameterUri.parse(asUtf8());
    }

    /**
     * The children of a Grouped AVP, parsed on first call; the list cannot be changed (build a new
     * AVP with {@link #grouped}). Throws {@link AvpValueException} when the data is not a valid
     * sequence of AVPs.
     */
    public AvpList children() {
        AvpList c = children;
        if (c == null) {
            c = AvpList.parse(data, offset, length).freeze();
            children = c;
        }
        return c;
    }

    // ---- encoding ---------------------------------------------------------------------------

    /** Writes header, data and padding. */
    public void encode(ByteBuf out) {
        int avpLength = avpLength();
        out.writeInt(code);
        out.writeInt((flags << 24) | avpLength);
        if (isVendorSpecific()) {
            out.writeInt(vendorId);
        }
        if (data != null) {
            out.writeBytes(data, offset, length);
        } else {
            children.encode(out);
        }
        out.writeZero(pad4(avpLength) - avpLength);
    }

    /** Writes into {@code dst} at {@code pos}; returns the position after the padding. */
    int encodeTo(byte[] dst, int pos) {
        int avpLength = avpLength();
        putInt(dst, pos, code);
        putInt(dst, pos + 4, (flags << 24) | avpLength);
        int p = pos + HEADER;
        if (isVendorSpecific()) {
            putInt(dst, p, vendorId);
            p += 4;
        }
        if (data != null) {
            System.arraycopy(data, offset, dst, p, length);
            p += length;
        } else {
            p = children.encodeTo(dst, p);
        }
        int end = pos + pad4(avpLength);
        Arrays.fill(dst, p, end, (byte) 0);
        return end;
    }

    /** The whole AVP as bytes (header, data, padding). */
    public byte[] toBytes() {
        byte[] out = new byte[encodedLength()];
        encodeTo(out, 0);
        return out;
    }

    // ---- identity ---------------------------------------------------------------------------

    /** Equal when code, flags, Vendor-Id and data bytes are equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Avp a)) {
            return false;
        }
        if (a.code != code || a.flags != flags || a.vendorId != vendorId) {
            return false;
        }
        if (data != null && a.data != null) {
            return Arrays.equals(
                    data, offset, offset + length, a.data, a.offset, a.offset + a.length);
        }
        return Arrays.equals(valueBytes(), a.valueBytes());
    }

    @Override
    public int hashCode() {
        int h = 31 * code + vendorId;
        if (data != null) {
            for (int i = offset; i < offset + length; i++) {
                h = 31 * h + data[i];
            }
            return h;
        }
        // Same formula as above: a built Grouped AVP equals its decoded copy, so hashes must match.
        for (byte x : valueBytes()) {
            h = 31 * h + x;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Avp{code="
                + code
                + (vendorId != 0 ? ", vendor=" + vendorId : "")
                + ", flags="
                + flagString(flags)
                + ", length="
                + avpLength()
                + "}";
    }

    /** "VMP" letters as in seed 003's dumps: "-M------". */
    public static String flagString(int flags) {
        char[] c = "--------".toCharArray();
        if ((flags & FLAG_VENDOR) != 0) {
            c[0] = 'V';
        }
        if ((flags & FLAG_MANDATORY) != 0) {
            c[1] = 'M';
        }
        if ((flags & FLAG_PROTECTED) != 0) {
            c[2] = 'P';
        }
        return new String(c);
    }

    // ---- byte helpers -----------------------------------------------------------------------

    static int getInt(byte[] b, int i) {
        return ((b[i] & 0xff) << 24)
                | ((b[i + 1] & 0xff) << 16)
                | ((b[i + 2] & 0xff) << 8)
                | (b[i + 3] & 0xff);
    }

    static long getLong(byte[] b, int i) {
        return ((long) getInt(b, i) << 32) | (getInt(b, i + 4) & 0xffffffffL);
    }

    static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static void putLong(byte[] b, int i, long v) {
        putInt(b, i, (int) (v >>> 32));
        putInt(b, i + 4, (int) v);
    }
}
