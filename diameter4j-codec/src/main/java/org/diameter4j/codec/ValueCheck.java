package org.diameter4j.codec;

import java.nio.charset.StandardCharsets;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.codec.type.FilterRule;
import org.diameter4j.codec.type.Utf8;

/**
 * Checks that an AVP's data is a valid value of its format. Returns 0, or the Result-Code of the
 * fault: 5014 DIAMETER_INVALID_AVP_LENGTH when the length cannot hold the format (RFC 6733 §7.1.5),
 * 5004 DIAMETER_INVALID_AVP_VALUE when the bytes are not a value of it (invalid UTF-8, a malformed
 * DiameterURI …). Allocation free except for the DiameterURI and filter-rule grammars.
 */
final class ValueCheck {
    private ValueCheck() {}

    static int check(DataType type, byte[] b, int off, int len) {
        int fixed = type.fixedLength();
        if (fixed > 0) {
            return len == fixed ? 0 : ResultCodes.DIAMETER_INVALID_AVP_LENGTH;
        }
        switch (type) {
            case ADDRESS:
                return DiameterAddress.checkLength(b, off, len)
                        ? 0
                        : ResultCodes.DIAMETER_INVALID_AVP_LENGTH;
            case UTF8_STRING:
                return Utf8.isValid(b, off, len) ? 0 : ResultCodes.DIAMETER_INVALID_AVP_VALUE;
            case DIAMETER_IDENTITY:
                return isIdentity(b, off, len) ? 0 : ResultCodes.DIAMETER_INVALID_AVP_VALUE;
            case DIAMETER_URI:
                return parses(type, b, off, len) ? 0 : ResultCodes.DIAMETER_INVALID_AVP_VALUE;
            case IP_FILTER_RULE:
            case QOS_FILTER_RULE:
                return parses(type, b, off, len) ? 0 : ResultCodes.DIAMETER_INVALID_AVP_VALUE;
            default:
                return 0;
        }
    }

    /** The reason text for a failed check, for logs and Error-Message. */
    static String reason(DataType type, byte[] b, int off, int len) {
        int fixed = type.fixedLength();
        if (fixed > 0) {
            return type.rfcName() + " data must be " + fixed + " bytes, got " + len;
        }
        switch (type) {
            case ADDRESS:
                return len < 2
                        ? "Address data of " + len + " bytes has no address family"
                        : "Address of family "
                                + (((b[off] & 0xff) << 8) | (b[off + 1] & 0xff))
                                + " cannot be "
                                + (len - 2)
                                + " bytes long";
            case UTF8_STRING:
                return "invalid UTF-8 at byte "
                        + (Utf8.firstInvalid(b, off, len) - off)
                        + " of the value";
            case DIAMETER_IDENTITY:
                return len == 0
                        ? "empty DiameterIdentity"
                        : "DiameterIdentity must be printable ASCII (RFC 6733 §4.3.1)";
            default:
                try {
                    parse(type, b, off, len);
                    return "invalid " + type.rfcName();
                } catch (IllegalArgumentException e) {
                    return "invalid " + type.rfcName() + ": " + e.getMessage();
                }
        }
    }

    /** DiameterIdentity: a non-empty FQDN or realm in ASCII (IDNs as punycode, RFC 6733 §4.3.1). */
    private static boolean isIdentity(byte[] b, int off, int len) {
        if (len == 0) {
            return false;
        }
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean parses(DataType type, byte[] b, int off, int len) {
        if (!Utf8.isValid(b, off, len)) {
            return false;
        }
        try {
            parse(type, b, off, len);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void parse(DataType type, byte[] b, int off, int len) {
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        switch (type) {
            case DIAMETER_URI -> DiameterUri.parse(s);
            case IP_FILTER_RULE -> FilterRule.parse(FilterRule.Kind.IP_FILTER, s);
            case QOS_FILTER_RULE -> FilterRule.parse(FilterRule.Kind.QOS_FILTER, s);
            default -> {}
        }
    }
}
