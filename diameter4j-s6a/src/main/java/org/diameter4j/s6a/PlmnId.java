package org.diameter4j.s6a;

import java.util.HexFormat;

/**
 * A PLMN identity: MCC and MNC, and their 3-octet encoding used by Visited-PLMN-Id (TS 29.272
 * §7.3.9) and as the serving network id of K<sub>ASME</sub> (TS 24.008 §10.5.1.13, TS 33.401 A.2):
 *
 * <pre>
 * octet 1: MCC digit 2 | MCC digit 1
 * octet 2: MNC digit 3 | MCC digit 3     (MNC digit 3 = 0xF for a 2-digit MNC)
 * octet 3: MNC digit 2 | MNC digit 1
 * </pre>
 *
 * e.g. MCC 001 MNC 01 is {@code 00 F1 10}; MCC 310 MNC 410 is {@code 13 00 14}.
 */
public record PlmnId(String mcc, String mnc) {
    public PlmnId {
        if (mcc == null || !mcc.matches("\\d{3}")) {
            throw new IllegalArgumentException("MCC must be 3 digits, got '" + mcc + "'");
        }
        if (mnc == null || !mnc.matches("\\d{2,3}")) {
            throw new IllegalArgumentException("MNC must be 2 or 3 digits, got '" + mnc + "'");
        }
    }

    public static PlmnId of(String mcc, String mnc) {
        return new PlmnId(mcc, mnc);
    }

    /** From "00101" (MCC 001, MNC 01) or "310410" (6 digits: 3-digit MNC) or "001-01". */
    public static PlmnId parse(String text) {
        String s = text.replace("-", "").replace(" ", "");
        if (!s.matches("\\d{5,6}")) {
            throw new IllegalArgumentException(
                    "a PLMN id is MCC+MNC, 5 or 6 digits, got '" + text + "'");
        }
        return new PlmnId(s.substring(0, 3), s.substring(3));
    }

    /** The PLMN of an IMSI whose MNC has {@code mncLength} digits (2 or 3). */
    public static PlmnId ofImsi(String imsi, int mncLength) {
        return new PlmnId(imsi.substring(0, 3), imsi.substring(3, 3 + mncLength));
    }

    /** The 3-octet encoding. */
    public byte[] encode() {
        int mnc3 = mnc.length() == 3 ? d(mnc, 2) : 0xf;
        return new byte[] {
            (byte) ((d(mcc, 1) << 4) | d(mcc, 0)),
            (byte) ((mnc3 << 4) | d(mcc, 2)),
            (byte) ((d(mnc, 1) << 4) | d(mnc, 0))
        };
    }

    /** Decodes 3 octets; throws naming the bad octet. */
    public static PlmnId decode(byte[] b) {
        if (b == null || b.length != 3) {
            throw new IllegalArgumentException(
                    "a PLMN id is 3 octets, got " + (b == null ? "nothing" : b.length));
        }
        int mcc1 = b[0] & 0xf;
        int mcc2 = (b[0] >> 4) & 0xf;
        int mcc3 = b[1] & 0xf;
        int mnc3 = (b[1] >> 4) & 0xf;
        int mnc1 = b[2] & 0xf;
        int mnc2 = (b[2] >> 4) & 0xf;
        if (mcc1 > 9 || mcc2 > 9 || mcc3 > 9 || mnc1 > 9 || mnc2 > 9 || (mnc3 > 9 && mnc3 != 0xf)) {
            throw new IllegalArgumentException("not a PLMN id: 0x" + HexFormat.of().formatHex(b));
        }
        String mnc = "" + mnc1 + mnc2 + (mnc3 == 0xf ? "" : Integer.toString(mnc3));
        return new PlmnId("" + mcc1 + mcc2 + mcc3, mnc);
    }

    private static int d(String s, int i) {
        return s.charAt(i) - '0';
    }

    @Override
    public String toString() {
        return mcc + "-" + mnc;
    }
}
