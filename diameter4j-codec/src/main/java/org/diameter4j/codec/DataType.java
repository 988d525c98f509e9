package org.diameter4j.codec;

/**
 * The AVP data formats: basic (RFC 6733 §4.2), derived (§4.3.1) and QoSFilterRule (RFC 3588 §4.3).
 * Each knows its RFC name and, for fixed-size formats, its value length.
 */
public enum DataType {
    OCTET_STRING("OctetString", -1),
    INTEGER32("Integer32", 4),
    INTEGER64("Integer64", 8),
    UNSIGNED32("Unsigned32", 4),
    UNSIGNED64("Unsigned64", 8),
    FLOAT32("Float32", 4),
    FLOAT64("Float64", 8),
    GROUPED("Grouped", -1),
    ADDRESS("Address", -1),
    TIME("Time", 4),
    UTF8_STRING("UTF8String", -1),
    DIAMETER_IDENTITY("DiameterIdentity", -1),
    DIAMETER_URI("DiameterURI", -1),
    ENUMERATED("Enumerated", 4),
    IP_FILTER_RULE("IPFilterRule", -1),
    QOS_FILTER_RULE("QoSFilterRule", -1);

    private static final DataType[] VALUES = values();

    private final String rfcName;
    private final int fixedLength;

    DataType(String rfcName, int fixedLength) {
        this.rfcName = rfcName;
        this.fixedLength = fixedLength;
    }

    /** The name the RFCs use ("Unsigned32", "DiameterIdentity" …). */
    public String rfcName() {
        return rfcName;
    }

    /** The value length of a fixed-size format, or -1. */
    public int fixedLength() {
        return fixedLength;
    }

    /**
     * The minimum value length, used for the zero-filled payload of a Failed-AVP (RFC 6733 §7.5):
     * the fixed length, 6 for Address (family + IPv4), otherwise 0.
     */
    public int minimumLength() {
        if (fixedLength > 0) {
            return fixedLength;
        }
        return this == ADDRESS ? 6 : 0;
    }

    /** True for the formats whose value is a 32- or 64-bit integer that can carry named values. */
    public boolean isInteger() {
        return this == INTEGER32
                || this == INTEGER64
                || this == UNSIGNED32
                || this == UNSIGNED64
                || this == ENUMERATED;
    }

    /** True for the formats carried as text. */
    public boolean isText() {
        return this == UTF8_STRING
                || this == DIAMETER_IDENTITY
                || this == DIAMETER_URI
                || this == IP_FILTER_RULE
                || this == QOS_FILTER_RULE;
    }

    /** Looks up an RFC name, case-insensitively; null when unknown. */
    public static DataType fromRfcName(String name) {
        for (DataType t : VALUES) {
            if (t.rfcName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return null;
    }
}
