/**
 * Dictionaries as data (RFC 6733 §3.2, §4.4): AVP and command definitions, grammar validation of
 * incoming and outgoing messages, building and reading messages by AVP name, the readable dump,
 * and the generator of typed AVP keys.
 */
module org.diameter4j.dictionary {
    requires transitive org.diameter4j.codec;

    exports org.diameter4j.dictionary;
    exports org.diameter4j.dictionary.dump;
    exports org.diameter4j.dictionary.generate;

    uses org.diameter4j.dictionary.OutboundViolationListener;
}
