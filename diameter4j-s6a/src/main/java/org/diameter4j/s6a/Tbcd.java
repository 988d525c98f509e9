package org.diameter4j.s6a;

/**
 * TBCD strings (3GPP TS 29.002 §17.7.8): two digits per octet, low nibble first, 0xF filler. The
 * MSISDN AVP (TS 29.329 §6.3.2) carries an E.164 number this way.
 */
public final class Tbcd {
    private Tbcd() {}

    /** "41780000001" → {@code 14 87 00 00 00 F1}. Digits, '*', '#', 'a', 'b', 'c' are accepted. */
    public static byte[] encode(String digits) {
        String s = digits.startsWith("+") ? digits.substring(1) : digits;
        byte[] out = new byte[(s.length() + 1) / 2];
        for (int i = 0; i < s.length(); i++) {
            int v = nibble(s.charAt(i), digits);
            if (i % 2 == 0) {
                out[i / 2] = (byte) (0xf0 | v);
            } else {
                out[i / 2] = (byte) ((out[i / 2] & 0x0f) | (v << 4));
            }
        }
        return out;
    }

    /** The digits of a TBCD string; stops at the 0xF filler. */
    public static String decode(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            int lo = x & 0xf;
            int hi = (x >> 4) & 0xf;
            if (lo == 0xf) {
                break;
            }
            sb.append(ch(lo));
            if (hi == 0xf) {
                break;
            }
            sb.append(ch(hi));
        }
        return sb.toString();
    }

    private static int nibble(char c, String all) {
        return switch (c) {
            case '*' -> 0xa;
            case '#' -> 0xb;
            case 'a', 'A' -> 0xc;
            case 'b', 'B' -> 0xd;
            case 'c', 'C' -> 0xe;
            default -> {
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException(
                            "'" + all + "' is not a TBCD digit string (bad '" + c + "')");
                }
                yield c - '0';
            }
        };
    }

    private static char ch(int v) {
        return switch (v) {
            case 0xa -> '*';
            case 0xb -> '#';
            case 0xc -> 'a';
            case 0xd -> 'b';
            case 0xe -> 'c';
            default -> (char) ('0' + v);
        };
    }
}
