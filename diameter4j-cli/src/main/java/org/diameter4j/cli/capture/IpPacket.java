package org.diameter4j.cli.capture;

/**
 * The network layer of a frame: addresses, transport protocol and where the transport payload lies.
 *
 * <p>IPv4 with header options; IPv6 with hop-by-hop, routing, destination-options and
 * authentication extension headers skipped. Fragments are not reassembled: a non-first fragment is
 * skipped, a first fragment is used as is (the missing rest becomes a gap in the TCP stream); both
 * are counted in a warning. A total length of 0 (TCP segmentation offload) means "the rest of the
 * frame".
 *
 * @param source source address, {@code "10.0.0.1"} or {@code "2001:db8::1"}
 * @param destination destination address
 * @param ipv6 true for IPv6 (addresses need brackets before a port)
 * @param protocol transport protocol number (6 TCP, 132 SCTP …)
 * @param buf the whole input
 * @param payloadOffset where the transport header starts in {@code buf}
 * @param payloadCaptured bytes of transport header + data present in the capture
 * @param payloadLength bytes of transport header + data on the wire (per the IP header)
 */
record IpPacket(
        String source,
        String destination,
        boolean ipv6,
        int protocol,
        byte[] buf,
        int payloadOffset,
        int payloadCaptured,
        int payloadLength) {

    static final int TCP = 6;
    static final int SCTP = 132;

    /** Parses IPv4 or IPv6 according to the version nibble, or returns null. */
    static IpPacket parse(byte[] b, int p, int end, Frame frame, Warnings warnings) {
        if (end - p < 1) {
            return null;
        }
        int version = (b[p] & 0xFF) >>> 4;
        if (version == 4) {
            return parseV4(b, p, end, frame, warnings);
        }
        if (version == 6) {
            return parseV6(b, p, end, frame, warnings);
        }
        return null;
    }

    /** Parses the IPv4 packet at {@code b[p..end)}, or returns null. */
    static IpPacket parseV4(byte[] b, int p, int end, Frame frame, Warnings warnings) {
        if (end - p < 20 || (b[p] & 0xF0) != 0x40) {
            warnings.count("truncated or invalid IPv4 header; packets skipped", frame.number());
            return null;
        }
        int headerLength = (b[p] & 0x0F) * 4;
        int total = Bytes.u16be(b, p + 2);
        if (total == 0) {
            total = end - p;
        }
        if (headerLength < 20 || headerLength > end - p || total < headerLength) {
            warnings.count("truncated or invalid IPv4 header; packets skipped", frame.number());
            return null;
        }
        int fragment = Bytes.u16be(b, p + 6);
        if ((fragment & 0x1FFF) != 0) {
            warnings.count(
                    "IPv4 fragments not reassembled; non-first fragments skipped", frame.number());
            return null;
        }
        if ((fragment & 0x2000) != 0) {
            warnings.count(
                    "IPv4 fragments not reassembled; first fragments used as they are",
                    frame.number());
        }
        String src = v4(b, p + 12);
        String dst = v4(b, p + 16);
        int payload = p + headerLength;
        int length = total - headerLength;
        int captured = Math.min(length, end - payload);
        return new IpPacket(src, dst, false, Bytes.u8(b, p + 9), b, payload, captured, length);
    }

    /** Parses the IPv6 packet at {@code b[p..end)}, or returns null. */
    static IpPacket parseV6(byte[] b, int p, int end, Frame frame, Warnings warnings) {
        if (end - p < 40 || (b[p] & 0xF0) != 0x60) {
            warnings.count("truncated or invalid IPv6 header; packets skipped", frame.number());
            return null;
        }
        int payloadLength = Bytes.u16be(b, p + 4);
        long limit = payloadLength == 0 ? end : (long) p + 40 + payloadLength;
        int next = Bytes.u8(b, p + 6);
        String src = v6(b, p + 8);
        String dst = v6(b, p + 24);
        long q = p + 40;
        for (int headers = 0; headers < 32; headers++) {
            if (next != 0 && next != 43 && next != 60 && next != 51 && next != 44) {
                break;
            }
            if (q + 8 > Math.min(end, limit)) {
                warnings.count("truncated IPv6 extension header; packets skipped", frame.number());
                return null;
            }
            int h = (int) q;
            if (next == 44) {
                int offset = Bytes.u16be(b, h + 2) >>> 3;
                boolean more = (b[h + 3] & 1) != 0;
                if (offset != 0) {
                    warnings.count(
                            "IPv6 fragments not reassembled; non-first fragments skipped",
                            frame.number());
                    return null;
                }
                if (more) {
                    warnings.count(
                            "IPv6 fragments not reassembled; first fragments used as they are",
                            frame.number());
                }
                next = Bytes.u8(b, h);
                q += 8;
            } else {
                int units = Bytes.u8(b, h + 1);
                q += next == 51 ? (units + 2) * 4L : (units + 1) * 8L;
                next = Bytes.u8(b, h);
            }
        }
        if (q > limit || q > end) {
            warnings.count("truncated IPv6 extension header; packets skipped", frame.number());
            return null;
        }
        int payload = (int) q;
        int length = (int) (limit - q);
        int captured = (int) Math.min(limit - q, end - q);
        return new IpPacket(src, dst, true, next, b, payload, captured, length);
    }

    /** {@code "address:port"}, with brackets around an IPv6 address. */
    String endpoint(String address, int port) {
        return ipv6 ? "[" + address + "]:" + port : address + ":" + port;
    }

    private static String v4(byte[] b, int i) {
        return (b[i] & 0xFF)
                + "."
                + (b[i + 1] & 0xFF)
                + "."
                + (b[i + 2] & 0xFF)
                + "."
                + (b[i + 3] & 0xFF);
    }

    /**
     * RFC 5952 text: lower case, no leading zeros, the longest run (≥ 2) of zero groups as "::".
     */
    static String v6(byte[] b, int i) {
        int[] g = new int[8];
        for (int k = 0; k < 8; k++) {
            g[k] = Bytes.u16be(b, i + 2 * k);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && g[k] == 0) {
                k++;
            }
            if (k - start > bestLength) {
                bestStart = start;
                bestLength = k - start;
            }
        }
        StringBuilder s = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                s.append("::");
                k += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[k]));
        }
        return s.toString();
    }
}
