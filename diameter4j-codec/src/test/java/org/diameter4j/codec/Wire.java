package org.diameter4j.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Hand-built wire bytes for tests (RFC 6733 §3 header, §4.1 AVP header), independent of the codec.
 */
final class Wire {
    private Wire() {}

    static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A 20-byte header with the given raw fields. */
    static byte[] header(int version, int length, int flags, int code, int app, int hbh, int e2e) {
        return concat(
                u32((version << 24) | (length & 0xffffff)),
                u32((flags << 24) | (code & 0xffffff)),
                u32(app),
                u32(hbh),
                u32(e2e));
    }

    /** A version-1 message whose Message Length is computed from the AVP bytes. */
    static byte[] message(int flags, int code, int app, int hbh, int e2e, byte[]... avps) {
        byte[] body = concat(avps);
        return concat(header(1, 20 + body.length, flags, code, app, hbh, e2e), body);
    }

    /** An AVP header alone, with a raw AVP Length (may be a lie). */
    static byte[] avpHeader(int code, int flags, int avpLength) {
        return concat(u32(code), u32((flags << 24) | (avpLength & 0xffffff)));
    }

    /** A well-formed AVP without Vendor-ID, padded to 4. */
    static byte[] avp(int code, int flags, byte[] data) {
        return pad(concat(avpHeader(code, flags, 8 + data.length), data));
    }

    /** A well-formed vendor AVP (V flag set), padded to 4. */
    static byte[] vendorAvp(int code, int flags, int vendor, byte[] data) {
        return pad(concat(avpHeader(code, flags | 0x80, 12 + data.length), u32(vendor), data));
    }

    static byte[] pad(byte[] b) {
        return Arrays.copyOf(b, (b.length + 3) & ~3);
    }
}
