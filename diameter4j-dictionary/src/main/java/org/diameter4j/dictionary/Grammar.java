package org.diameter4j.dictionary;

import java.util.List;

/**
 * The body of a command or Grouped AVP grammar: its rules in order, each resolved to its AVP.
 * {@code allowsAny} is true when the grammar ends with {@code * [ AVP ]}.
 */
public final class Grammar {
    private final List<GrammarRule> rules;
    private final AvpDefinition[] defs;
    private final boolean allowsAny;

    Grammar(List<GrammarRule> rules, AvpDefinition[] defs) {
        this.rules = List.copyOf(rules);
        this.defs = defs;
        boolean any = false;
        for (GrammarRule r : rules) {
            any |= r.isWildcard();
        }
        this.allowsAny = any;
    }

    public List<GrammarRule> rules() {
        return rules;
    }

    /** The AVP of rule {@code i}, null for the wildcard. */
    public AvpDefinition avp(int i) {
        return defs[i];
    }

    public boolean allowsAny() {
        return allowsAny;
    }

    /** Index of the rule for this AVP, or -1. */
    /** Whether the grammar names the AVP (not counting {@code * [ AVP ]}). */
    public boolean names(int code, int vendorId) {
        return indexOf(code, vendorId) >= 0;
    }

    int indexOf(int code, int vendorId) {
        for (int i = 0; i < defs.length; i++) {
            AvpDefinition d = defs[i];
            if (d != null && d.code() == code && d.vendorId() == vendorId) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
