/**
 * The readable message dump of MISSION M-20, shaped like the SR OS debug output of seed 003: the
 * header line, then each AVP as name (code), flags, [length], type and value with enumerated names,
 * Grouped AVPs indented. Shared by {@code d4j decode}, {@code --trace} and per-peer message debug.
 */
package org.diameter4j.dictionary.dump;
