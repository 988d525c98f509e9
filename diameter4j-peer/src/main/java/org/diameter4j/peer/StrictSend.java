package org.diameter4j.peer;

import java.util.Locale;

/**
 * What a node does with a message it is about to send that breaks its grammar (see {@link
 * org.diameter4j.dictionary.OutboundValidator}): {@code strict-send} in node YAML, {@code
 * --strict-send} on the command line.
 *
 * <ul>
 *   <li>{@link #OFF}: nothing is checked (the default in production: checking costs an encode and a
 *       decode per message);
 *   <li>{@link #LOG}: every message is checked; a violation is logged once per command and rule,
 *       and the message is sent anyway;
 *   <li>{@link #REJECT}: an invalid request is not sent — its future fails with an {@link
 *       InvalidMessageException} naming the AVP and the rule; an invalid answer is replaced by a
 *       5012 DIAMETER_UNABLE_TO_COMPLY error answer, so the peer is never left waiting (RFC 6733
 *       §7.1.5); both are logged once.
 * </ul>
 *
 * The default comes from the system property {@value #PROPERTY} (diameter4j's own test suite runs
 * with {@code reject}), else {@code OFF}.
 */
public enum StrictSend {
    OFF,
    LOG,
    REJECT;

    public static final String PROPERTY = "diameter4j.strict-send";

    /** The mode the system property names, else OFF. */
    public static StrictSend fromSystem() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? OFF : parse(v);
    }

    /** {@code off}, {@code log} or {@code reject} (any case); throws naming the choices. */
    public static StrictSend parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "strict-send must be off, log or reject, not '" + value + "'");
        }
    }
}
