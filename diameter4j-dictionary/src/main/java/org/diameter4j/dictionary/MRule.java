package org.diameter4j.dictionary;

/** The M-bit column of an AVP flag table (RFC 6733 §4.5): MUST, MAY or MUST NOT be set. */
public enum MRule {
    MUST("M"),
    MAY("m"),
    MUST_NOT("-");

    private final String token;

    MRule(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    static MRule fromToken(String t) {
        for (MRule r : values()) {
            if (r.token.equals(t)) {
                return r;
            }
        }
        return null;
    }
}
