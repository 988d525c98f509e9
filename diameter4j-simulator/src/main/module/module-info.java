/** The negative-test rule engine and the terminator the simulators share. */
module org.diameter4j.simulator {
    requires transitive org.diameter4j.node;

    exports org.diameter4j.simulator;
}
