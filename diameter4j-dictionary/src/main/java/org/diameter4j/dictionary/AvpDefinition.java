package org.diameter4j.dictionary;

import java.util.Collections;
import java.util.Map;
import org.diameter4j.codec.DataType;

/**
 * An AVP as the dictionary defines it: name, (Vendor-Id, code), data format, M-bit rule, named
 * values and, for a Grouped AVP, its grammar.
 */
public final class AvpDefinition {
    private final String name;
    private final int code;
    private final int vendorId;
    private final DataType type;
    private final MRule mRule;
    private final Map<Long, String> valueNames;
    private final Map<String, Long> valuesByName;
    private final SourceLocation location;
    // valueNames as primitives: valueName is asked for every Enumerated AVP of every message.
    private final LongIntTable valueIndex;
    private final String[] names;
    Grammar grammar; // set once while the dictionary is built

    AvpDefinition(
            String name,
            int code,
            int vendorId,
            DataType type,
            MRule mRule,
            Map<Long, String> valueNames,
            Map<String, Long> valuesByName,
            SourceLocation location) {
        this.name = name;
        this.code = code;
        this.vendorId = vendorId;
        this.type = type;
        this.mRule = mRule;
        this.valueNames = Collections.unmodifiableMap(valueNames);
        this.valuesByName = Collections.unmodifiableMap(valuesByName);
        this.location = location;
        this.valueIndex = new LongIntTable(valueNames.size());
        this.names = new String[valueNames.size()];
        int i = 0;
        for (Map.Entry<Long, String> e : valueNames.entrySet()) {
            names[i] = e.getValue();
            valueIndex.putIfAbsent(e.getKey(), i++);
        }
    }

    public String name() {
        return name;
    }

    public int code() {
        return code;
    }

    public int vendorId() {
        return vendorId;
    }

    public DataType type() {
        return type;
    }

    public MRule mRule() {
        return mRule;
    }

    /** The flags an AVP built from this definition carries: V for a vendor AVP, M when it MUST. */
    public int defaultFlags() {
        return (vendorId != 0 ? 0x80 : 0) | (mRule == MRule.MUST ? 0x40 : 0);
    }

    /** Named values: number → name. */
    public Map<Long, String> valueNames() {
        return valueNames;
    }

    /** The name of a value, or null. */
    public String valueName(long value) {
        int i = valueIndex.get(value);
        return i < 0 ? null : names[i];
    }

    /** The number of a named value, or null. */
    public Long valueOf(String valueName) {
        return valuesByName.get(valueName);
    }

    /** The grammar of a Grouped AVP; null for other types or a Grouped AVP without a grammar. */
    /**
     * Whether {@code a} could be echoed as a value of this AVP: a fixed-length type has its length
     * (RFC 6733 §4.2, else 5014), an Enumerated value is one the dictionary defines (§4.3.1, else
     * 5004). Grouped contents are not looked at.
     */
    public boolean accepts(org.diameter4j.codec.Avp a) {
        int fixed = type.fixedLength();
        if (fixed >= 0 && a.valueLength() != fixed) {
            return false;
        }
        return type != DataType.ENUMERATED
                || valueNames().isEmpty()
                || valueName(a.asInt32()) != null;
    }

    public Grammar grammar() {
        return grammar;
    }

    public SourceLocation location() {
        return location;
    }

    @Override
    public String toString() {
        return name
                + " ("
                + code
                + (vendorId != 0 ? ", vendor " + Integer.toUnsignedString(vendorId) : "")
                + ") "
                + type.rfcName();
    }
}
