package org.diameter4j.codec;

/**
 * Tells the codec the data format of an AVP, keyed by (Vendor-Id, code) — never by code alone, so a
 * vendor AVP is never mistaken for a base AVP with the same code. The dictionary implements it.
 */
@FunctionalInterface
public interface AvpTypeResolver {
    /** Knows nothing: every AVP stays opaque. */
    AvpTypeResolver NONE = (code, vendorId) -> null;

    /** The AVP's data format, or null when the AVP is unknown. */
    DataType typeOf(int code, int vendorId);
}
