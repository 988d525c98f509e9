/**
 * Dictionaries as data (MISSION M-25): text files written close to the RFC command grammar (see
 * {@code docs/dictionary-format.md}), loaded into an immutable {@link
 * org.diameter4j.dictionary.Dictionary} keyed by (Vendor-Id, code). The dictionary names AVPs,
 * values, commands and applications; builds and reads AVPs by name; and validates messages against
 * command grammars with the Result-Codes of RFC 6733 §7.1.5 (5001, 5004, 5005, 5008, 5009) and
 * 3009.
 */
package org.diameter4j.dictionary;
