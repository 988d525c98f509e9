package org.diameter4j.cli.send;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.diameter4j.cli.UserError;
import org.diameter4j.node.yaml.YamlReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reading a template's YAML nodes, with faults that name the file, the line and the path. */
final class YamlNodes {
    private final YamlReader reader;

    YamlNodes(YamlReader reader) {
        this.reader = reader;
    }

    /** A usage error (exit 2): "file:line:col: path: msg", as the shared reader words it. */
    UserError error(Node n, String path, String msg) {
        return UserError.usage(reader.message(n, path, msg, null));
    }

    /** "file:line:col: path", the location of a value. */
    String where(Node n, String path) {
        return reader.position(n) + ": " + path;
    }

    /** A map's entries by key, in file order; keys outside {@code allowed} (when given) fail. */
    Map<String, NodeTuple> mapping(Node n, String path, Set<String> allowed) {
        if (!(n instanceof MappingNode m)) {
            throw error(n, path, "expected a map" + (allowed != null ? " with " + allowed : ""));
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw error(t.getKeyNode(), path, "keys must be plain names");
            }
            if (allowed != null && !allowed.contains(k.getValue())) {
                throw error(
                        k,
                        path,
                        "unknown key '"
                                + k.getValue()
                                + "' (expected "
                                + String.join(", ", allowed)
                                + ")");
            }
            out.put(k.getValue(), t);
        }
        return out;
    }

    String scalar(Node n, String path) {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, path, "expected a single value");
        }
        return s.getValue();
    }
}
