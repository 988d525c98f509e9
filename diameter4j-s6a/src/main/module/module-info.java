/**
 * S6a (TS 29.272): messages and Milenage (TS 35.206). The HSS simulator is in {@code
 * org.diameter4j.simulator}.
 */
module org.diameter4j.s6a {
    requires transitive org.diameter4j.node;
    requires org.diameter4j.avps; // typed AVP keys; no exported signature names them

    exports org.diameter4j.s6a;
    exports org.diameter4j.s6a.milenage;
}
