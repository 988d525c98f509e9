package org.diameter4j.codec.type;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Address format (RFC 6733 §4.3.1): a two-octet IANA address family followed by the address.
 * IPv4 (family 1) and IPv6 (family 2) map to {@link InetAddress}; E.164 (family 8) is kept as its
 * ASCII digits; every other family is kept as raw bytes and re-encoded unchanged.
 */
public final class DiameterAddress {
    public static final int FAMILY_IPV4 = 1;
    public static final int FAMILY_IPV6 = 2;
    public static final int FAMILY_E164 = 8;

    private final int family;
    private final byte[] address;

    private DiameterAddress(int family, byte[] address) {
        this.family = family;
        this.address = address;
    }

    public static DiameterAddress of(InetAddress ip) {
        byte[] raw = ip.getAddress();
        return new DiameterAddress(raw.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6, raw);
    }

    public static DiameterAddress e164(String digits) {
        return new DiameterAddress(FAMILY_E164, digits.getBytes(StandardCharsets.US_ASCII));
    }

    public static DiameterAddress raw(int family, byte[] address) {
        return new DiameterAddress(family & 0xffff, address.clone());
    }

    /** Parses "1.2.3.4", "2001:db8::1" (IP literals only, never a DNS lookup) or "e164:3212345". */
    public static DiameterAddress parse(String text) {
        if (text.startsWith("e164:")) {
            return e164(text.substring(5));
        }
        if (isIpLiteral(text)) {
            if (text.indexOf(':') < 0) {
                // InetAddress.getByName resolves a dotted text that is not a valid literal
                // ("999.1.1.1") through DNS: parse IPv4 here.
                byte[] v4 = parseIpv4(text);
                if (v4 != null) {
                    return new DiameterAddress(FAMILY_IPV4, v4);
                }
            } else if (text.charAt(0) == ':' || Character.digit(text.charAt(0), 16) >= 0) {
                // Starting so, text with a colon is parsed by the JDK as an IPv6 literal, never
                // looked up.
                try {
                    return of(InetAddress.getByName(text));
                } catch (UnknownHostException e) {
                    // not a valid literal after all
                }
            }
        }
        throw new IllegalArgumentException("not an IPv4/IPv6 address literal: '" + text + "'");
    }

    /** True for text made only of the characters of an IPv4 or IPv6 literal (no name lookup). */
    public static boolean isIpLiteral(String text) {
        if (text.isEmpty()) {
            return false;
        }
        boolean colon = text.indexOf(':') >= 0;
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(Character.digit(c, colon ? 16 : 10) >= 0 || (colon && c == ':'))) {
                return false;
            }
        }
        return colon || dots == 3;
    }

    /** Four dot-separated decimal octets of 1..3 digits each, or null. */
    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = Integer.parseInt(p); // isIpLiteral allowed only digits and dots
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Decodes from the AVP value. Caller has checked the length (see {@link #checkLength}). */
    public static DiameterAddress decode(byte[] b, int off, int len) {
        int fam = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
        return new DiameterAddress(fam, Arrays.copyOfRange(b, off + 2, off + len));
    }

    /** True when {@code len} bytes can hold an Address value: IPv4 exactly 6, IPv6 exactly 18. */
    public static boolean checkLength(byte[] b, int off, int len) {
        if (len < 2) {
            return false;
        }
        int fam = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
        return switch (fam) {
            case FAMILY_IPV4 -> len == 6;
            case FAMILY_IPV6 -> len == 18;
            default -> true;
        };
    }

    public int family() {
        return family;
    }

    public byte[] addressBytes() {
        return address.clone();
    }

    public InetAddress inetAddress() {
        if (family != FAMILY_IPV4 && family != FAMILY_IPV6) {
            throw new IllegalStateException("address family " + family + " is not IP");
        }
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public int encodedLength() {
        return 2 + address.length;
    }

    public void encode(byte[] dst, int off) {
        dst[off] = (byte) (family >>> 8);
        dst[off + 1] = (byte) family;
        System.arraycopy(address, 0, dst, off + 2, address.length);
    }

    public byte[] toBytes() {
        byte[] out = new byte[encodedLength()];
        encode(out, 0);
        return out;
    }

    /**
     * As seed 003 prints it: "ipv4 192.0.2.1", "ipv6 2001:db8::2", "e164 3212345", "family 5 0a0b".
     */
    @Override
    public String toString() {
        return switch (family) {
            case FAMILY_IPV4 -> "ipv4 " + inetAddress().getHostAddress();
            case FAMILY_IPV6 -> "ipv6 " + compressIpv6(inetAddress().getHostAddress());
            case FAMILY_E164 -> "e164 " + new String(address, StandardCharsets.US_ASCII);
            default -> "family " + family + " " + HexFormat.of().formatHex(address);
        };
    }

    /** Java prints IPv6 uncompressed ("2001:db8:0:0:0:0:0:2"); operators read RFC 5952 form. */
    static String compressIpv6(String full) {
        String s = full;
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        String[] parts = s.split(":", -1);
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < parts.length; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < parts.length && parts[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bestStart; i++) {
            sb.append(parts[i]).append(i + 1 < bestStart ? ":" : "");
        }
        sb.append("::");
        for (int i = bestStart + bestLen; i < parts.length; i++) {
            sb.append(parts[i]).append(i + 1 < parts.length ? ":" : "");
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiameterAddress a
                && a.family == family
                && Arrays.equals(a.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * family + Arrays.hashCode(address);
    }
}
