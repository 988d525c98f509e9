package org.diameter4j.codec;

/**
 * A named value of an Enumerated AVP (RFC 6733 §4.3.1: an Integer32 whose values the application
 * names). The enums generated from the dictionaries implement it; {@link #code()} is the value on
 * the wire.
 */
public interface DiameterEnum {
    /** The value carried in the AVP. */
    int code();
}
