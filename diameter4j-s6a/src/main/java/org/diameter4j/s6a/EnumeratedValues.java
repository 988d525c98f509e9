package org.diameter4j.s6a;

import java.util.function.IntFunction;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpKey;
import org.diameter4j.codec.DiameterEnum;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;

/**
 * Enumerated values (RFC 6733 §4.3.1) that the S6a API takes and gives as text, as TS 29.272 and
 * the dictionary spell them ("EUTRAN", "PRE-EMPTION_CAPABILITY_ENABLED") or as a number, written
 * with the generated typed key and enum.
 */
final class EnumeratedValues {
    private EnumeratedValues() {}

    /**
     * The AVP of {@code key} carrying the value {@code text} names or numbers; {@code byCode} is
     * the generated enum's {@code of}.
     */
    static <E extends Enum<E> & DiameterEnum> Avp avp(
            Dictionary d, AvpKey<E> key, IntFunction<E> byCode, String text) {
        if (text == null) {
            throw new IllegalArgumentException(key.name() + " needs a value (TS 29.272 §7.3)");
        }
        AvpDefinition def = d.avp(key.code(), key.vendorId());
        Long named = def == null ? null : def.valueOf(text.trim());
        if (named != null) {
            return avp(key, byCode, named);
        }
        try {
            return avp(key, byCode, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key.name()
                            + ": '"
                            + text
                            + "' is neither a number nor a value name"
                            + (def == null || def.valueNames().isEmpty()
                                    ? ""
                                    : " (names: "
                                            + String.join(", ", def.valueNames().values())
                                            + ")"),
                    e);
        }
    }

    /**
     * The AVP of {@code key} carrying {@code code}: the enum's constant, or the bare number when
     * the enum does not name it (a value a later release defines is still sent as given).
     */
    static <E extends Enum<E> & DiameterEnum> Avp avp(
            AvpKey<E> key, IntFunction<E> byCode, long code) {
        if (code < Integer.MIN_VALUE || code > 0xffffffffL) {
            throw new IllegalArgumentException(
                    key.name() + ": " + code + " is outside " + Integer.MIN_VALUE + "..4294967295");
        }
        E e = byCode.apply((int) code);
        if (e != null) {
            return key.of(e);
        }
        return AvpKey.enumeratedCode(key.name(), key.code(), key.vendorId(), key.flags())
                .of((int) code);
    }

    /** The name of an Enumerated value, or its number as text when it has none; null for null. */
    static String name(Dictionary d, Avp a) {
        if (a == null) {
            return null;
        }
        long v = a.asInt32();
        String n = d.valueName(a, v);
        return n != null ? n : Long.toString(v);
    }
}
