/** Rf accounting (RFC 6733 §9, TS 32.299): accounting sessions and the CDF simulator. */
module org.diameter4j.rf {
    requires transitive org.diameter4j.node;
    requires org.diameter4j.avps; // typed AVP keys; no exported signature names them
    requires transitive org.diameter4j.simulator;
    requires transitive com.fasterxml.jackson.core; // AvpJson writes to a JsonGenerator

    exports org.diameter4j.rf;
    exports org.diameter4j.rf.cdf;
}
