/** Gy/Ro credit control (RFC 4006/8506): typed CCR/CCA, client sessions, the OCS simulator. */
module org.diameter4j.gy {
    requires transitive org.diameter4j.node;
    requires transitive org.diameter4j.avps;
    requires transitive org.diameter4j.simulator;
    requires transitive org.diameter4j.session; // SessionStoreFullException
    requires org.yaml.snakeyaml;

    exports org.diameter4j.gy;
    exports org.diameter4j.gy.client;
    exports org.diameter4j.gy.ocs;
    exports org.diameter4j.gy.server;
    exports org.diameter4j.gy.time;
}
