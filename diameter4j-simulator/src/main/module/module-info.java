/**
 * The simulated network functions (M-13): the OCS (Gy), the CDF (Rf), the HSS (S6a), and the
 * negative-test rule engine and the terminator they share.
 */
module org.diameter4j.simulator {
    requires transitive org.diameter4j.node;
    requires transitive org.diameter4j.session;
    requires transitive org.diameter4j.gy;
    requires transitive org.diameter4j.rf;
    requires transitive org.diameter4j.s6a;
    requires transitive com.fasterxml.jackson.core; // AvpJson writes to a JsonGenerator
    requires org.yaml.snakeyaml;

    exports org.diameter4j.simulator;
    exports org.diameter4j.simulator.cdf;
    exports org.diameter4j.simulator.hss;
    exports org.diameter4j.simulator.ocs;
}
