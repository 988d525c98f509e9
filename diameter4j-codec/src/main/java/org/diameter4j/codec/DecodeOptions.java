package org.diameter4j.codec;

/**
 * Limits and knowledge for decoding.
 *
 * @param maxMessageLength largest Message Length accepted; checked before anything is allocated
 * @param maxDepth deepest nesting of Grouped AVPs accepted (1 = Grouped AVPs at the top level only)
 * @param types which AVPs are Grouped and what their data formats are
 * @param checkValues whether the data of known AVPs is checked against their format (length, UTF-8,
 *     URI grammar …)
 */
public record DecodeOptions(
        int maxMessageLength, int maxDepth, AvpTypeResolver types, boolean checkValues) {
    /**
     * 1 MiB: larger than any real Diameter message, small enough that no peer can exhaust memory.
     */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1 << 20;

    /** Real dictionaries nest up to 5 or 6 levels (3GPP Subscription-Data); 16 leaves room. */
    public static final int DEFAULT_MAX_DEPTH = 16;

    /** The largest value the 24-bit Message Length field can hold. */
    public static final int MAX_WIRE_LENGTH = 0xfffffc;

    public static final DecodeOptions DEFAULT =
            new DecodeOptions(
                    DEFAULT_MAX_MESSAGE_LENGTH, DEFAULT_MAX_DEPTH, AvpTypeResolver.NONE, true);

    public DecodeOptions {
        if (maxMessageLength < DiameterMessage.HEADER_LENGTH
                || maxMessageLength > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException(
                    "maxMessageLength must be within 20.."
                            + MAX_WIRE_LENGTH
                            + ", got "
                            + maxMessageLength);
        }
        if (maxDepth < 1 || maxDepth > 64) {
            throw new IllegalArgumentException("maxDepth must be within 1..64, got " + maxDepth);
        }
        if (types == null) {
            throw new IllegalArgumentException("types must not be null (use AvpTypeResolver.NONE)");
        }
    }

    public DecodeOptions withTypes(AvpTypeResolver resolver) {
        return new DecodeOptions(maxMessageLength, maxDepth, resolver, checkValues);
    }

    public DecodeOptions withMaxMessageLength(int max) {
        return new DecodeOptions(max, maxDepth, types, checkValues);
    }

    public DecodeOptions withMaxDepth(int depth) {
        return new DecodeOptions(maxMessageLength, depth, types, checkValues);
    }
}
