package org.diameter4j.dictionary;

/**
 * A Diameter application (RFC 6733 §2.4).
 *
 * @param id the Application-Id, unsigned
 * @param name the full name ("Diameter-Credit-Control")
 * @param accounting true for an accounting application (advertised in Acct-Application-Id)
 * @param alias the short name shown in dumps ("Gy"), or null
 */
public record Application(long id, String name, boolean accounting, String alias) {
    /** The name an operator reads: the alias when there is one. */
    public String displayName() {
        return alias != null ? alias : name;
    }
}
