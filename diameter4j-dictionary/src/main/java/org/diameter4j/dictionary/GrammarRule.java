package org.diameter4j.dictionary;

/**
 * One line of a command or Grouped AVP grammar (RFC 6733 §3.2): {@code < Session-Id >}, {@code {
 * Origin-Host }}, {@code 1* [ Route-Record ]}, {@code * [ AVP ]}.
 *
 * @param kind fixed position, required or optional
 * @param name the AVP name, or "AVP" for any AVP
 * @param min least occurrences
 * @param max most occurrences, {@link Integer#MAX_VALUE} for unbounded
 */
public record GrammarRule(Kind kind, String name, int min, int max) {
    public enum Kind {
        FIXED,
        REQUIRED,
        OPTIONAL
    }

    public static final String ANY = "AVP";

    public boolean isWildcard() {
        return name.equals(ANY);
    }

    @Override
    public String toString() {
        String q = "";
        boolean defaultCount =
                kind == Kind.OPTIONAL ? (min == 0 && max == 1) : (min == 1 && max == 1);
        if (!defaultCount) {
            q =
                    (min > 0 ? String.valueOf(min) : "")
                            + "*"
                            + (max == Integer.MAX_VALUE ? "" : String.valueOf(max));
        }
        return switch (kind) {
            case FIXED -> q + "< " + name + " >";
            case REQUIRED -> q + "{ " + name + " }";
            case OPTIONAL -> q + "[ " + name + " ]";
        };
    }
}
