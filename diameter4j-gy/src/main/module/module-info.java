/**
 * Gy/Ro credit control (RFC 4006/8506): typed CCR/CCA, client sessions, server sessions. The OCS
 * simulator is in {@code org.diameter4j.simulator}.
 */
module org.diameter4j.gy {
    requires transitive org.diameter4j.node;
    requires transitive org.diameter4j.avps;
    requires transitive org.diameter4j.session; // SessionStoreFullException

    exports org.diameter4j.gy;
    exports org.diameter4j.gy.client;
    exports org.diameter4j.gy.server;
}
