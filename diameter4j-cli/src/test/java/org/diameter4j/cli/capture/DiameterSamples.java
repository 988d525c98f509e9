package org.diameter4j.cli.capture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test-only Diameter messages, built field by field. */
public final class DiameterSamples {

    private DiameterSamples() {}

    /** The SR OS seed DWR: 68 bytes, hop-by-hop 19865, end-to-end 3486524431. */
    public static byte[] dwr() {
        return message(
                0x80,
                280,
                0,
                19865,
                0xCFD0240F,
                avp(264, 0x40, "bng-gx.realm-1.com"),
                avp(296, 0x40, "realm-1.com"));
    }

    /** A DWA answering {@link #dwr()}: Result-Code 2001, Origin-Host, Origin-Realm. */
    public static byte[] dwa() {
        return message(
                0x00,
                280,
                0,
                19865,
                0xCFD0240F,
                avp(268, 0x40, new byte[] {0, 0, 7, (byte) 0xD1}),
                avp(264, 0x40, "pcrf.realm-2.com"),
                avp(296, 0x40, "realm-2.com"));
    }

    /**
     * A CER-like request with a distinct hop-by-hop id and a {@code dataLength}-byte filler AVP.
     */
    public static byte[] request(int hopByHop, int dataLength) {
        return message(
                0x80,
                257,
                0,
                hopByHop,
                hopByHop * 7,
                avp(264, 0x40, "client.example.com"),
                avp(296, 0x40, "example.com"),
                avp(257, 0x40, new byte[dataLength]));
    }

    public static byte[] message(
            int flags, int code, int application, int hopByHop, int endToEnd, byte[]... avps) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] a : avps) {
            body.writeBytes(a);
        }
        int length = 20 + body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(flags);
        out.write(code >>> 16);
        out.write(code >>> 8);
        out.write(code);
        int32(out, application);
        int32(out, hopByHop);
        int32(out, endToEnd);
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    public static byte[] avp(int code, int flags, String value) {
        return avp(code, flags, value.getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] avp(int code, int flags, byte[] data) {
        int length = 8 + data.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, code);
        out.write(flags);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(data);
        while (out.size() % 4 != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    public static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
