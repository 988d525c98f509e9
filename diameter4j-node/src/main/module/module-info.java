/**
 * The library API (RFC 6733 §2.6, §6): {@code DiameterNode} — peers, routing, relaying, failover,
 * request handlers, statistics — configured in code or YAML.
 */
module org.diameter4j.node {
    requires transitive org.diameter4j.peer;
    requires transitive org.yaml.snakeyaml; // YamlReader hands out SnakeYAML nodes

    exports org.diameter4j.node;
    exports org.diameter4j.node.overload;
    exports org.diameter4j.node.yaml;
}
