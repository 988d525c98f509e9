/**
 * Rf accounting (RFC 6733 §9, TS 32.299): accounting sessions. The CDF simulator is in {@code
 * org.diameter4j.simulator}.
 */
module org.diameter4j.rf {
    requires transitive org.diameter4j.node;
    requires org.diameter4j.avps; // typed AVP keys; no exported signature names them

    exports org.diameter4j.rf;
}
