/** Typed AVP keys and enums, generated at build time from the standard dictionaries. */
module org.diameter4j.avps {
    requires transitive org.diameter4j.codec;

    exports org.diameter4j.avps;
}
