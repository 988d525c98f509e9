package org.diameter4j.dictionary;

import java.util.Arrays;
import java.util.List;

/**
 * The body of a command or Grouped AVP grammar: its rules in order, each resolved to its AVP.
 * {@code allowsAny} is true when the grammar ends with {@code * [ AVP ]}.
 */
public final class Grammar {
    private final List<GrammarRule> rules;
    private final AvpDefinition[] defs;
    private final boolean allowsAny;
    // For the grammar check, which looks up every AVP it reads: rule by (Vendor-Id, code), and
    // what each rule says, without a list walk or a string comparison.
    private final LongIntTable index;
    private final GrammarRule[] ruleAt;
    private final int[] required;

    Grammar(List<GrammarRule> rules, AvpDefinition[] defs) {
        this.rules = List.copyOf(rules);
        this.defs = defs;
        this.ruleAt = this.rules.toArray(new GrammarRule[0]);
        this.index = new LongIntTable(defs.length);
        for (int i = 0; i < defs.length; i++) {
            if (defs[i] != null) {
                index.putIfAbsent(Dictionary.key(defs[i].code(), defs[i].vendorId()), i);
            }
        }
        boolean any = false;
        int[] req = new int[ruleAt.length];
        int n = 0;
        for (int i = 0; i < ruleAt.length; i++) {
            boolean wildcard = ruleAt[i].isWildcard();
            any |= wildcard;
            if (!wildcard && ruleAt[i].min() > 0) {
                req[n++] = i;
            }
        }
        this.allowsAny = any;
        this.required = Arrays.copyOf(req, n);
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

    /** Whether the grammar names the AVP (not counting {@code * [ AVP ]}). */
    public boolean names(int code, int vendorId) {
        return indexOf(code, vendorId) >= 0;
    }

    /** Index of the first rule for this AVP, or -1. */
    int indexOf(int code, int vendorId) {
        return index.get(Dictionary.key(code, vendorId));
    }

    /** Rule {@code i}: {@code rules().get(i)}. */
    GrammarRule rule(int i) {
        return ruleAt[i];
    }

    /** The rules that name an AVP and want it at least once, in order (the 5005 check). */
    int[] required() {
        return required;
    }

    int size() {
        return ruleAt.length;
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
