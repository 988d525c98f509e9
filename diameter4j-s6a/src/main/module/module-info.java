/** S6a (TS 29.272): messages, Milenage (TS 35.206) and the HSS simulator. */
module org.diameter4j.s6a {
    requires transitive org.diameter4j.node;
    requires org.diameter4j.avps; // typed AVP keys; no exported signature names them
    requires transitive org.diameter4j.simulator;
    requires org.yaml.snakeyaml;

    exports org.diameter4j.s6a;
    exports org.diameter4j.s6a.hss;
    exports org.diameter4j.s6a.milenage;
}
